namespace TrisimpleNet.Benchmarks;

/// <summary>
/// How cost grows: training step time and inference time per image against input size, and epoch time per image
/// against the number of cached images (which should stay flat).
/// </summary>
public static class GrowthBenchmark
{
    public sealed record InputSizeRow(int Input, int Positions, double SecondsPerStep, double InferenceSecondsPerImage);

    public sealed record CacheSizeRow(int Images, double EpochSeconds, double SecondsPerImage);

    public sealed record Measurement(TrainingShape Shape, string Precision, IReadOnlyList<InputSizeRow> InputSizes, IReadOnlyList<CacheSizeRow> CacheSizes);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments, int repetitions)
    {
        var shape = TrainingShape.FromArguments(arguments);
        var inputs = arguments.Ints("inputs", 224, 288, 320);
        var cacheImages = arguments.Ints("cache-images", 50, 100, 200, 400);
        var precision = arguments.Enum("precision", ComputePrecision.Float32);
        int steps = arguments.Int("steps", 20);
        int inferenceBatch = arguments.Int("inference-batch", 8);
        int sourceSide = arguments.Int("source", 1024);

        return () =>
        {
            var inputRows = inputs.Select(input =>
            {
                var sized = shape with { Input = input };
                return new InputSizeRow(input, sized.Grid * sized.Grid,
                    TrainStepBenchmark.EpochSeconds(sized, precision, sized.Batch * steps, repetitions).Second / steps,
                    InferenceBenchmark.PredictSecondsPerImage(input, inferenceBatch, sourceSide, repetitions));
            }).ToArray();
            var cacheRows = cacheImages.Select(images =>
            {
                double epoch = TrainStepBenchmark.EpochSeconds(shape, precision, images, repetitions).Second;
                return new CacheSizeRow(images, epoch, epoch / images);
            }).ToArray();

            var markdown = $"Training: batch {shape.Batch}, width {shape.Width}, hidden {shape.Hidden}, {shape.Method}, {shape.Passes} passes, {precision}, {steps} steps per epoch. "
                + $"Inference: PredictBatches of the ResNet18 preset (width {TrisimpleNetOptions.ResNet18().EmbeddingWidth}, hidden {TrisimpleNetOptions.ResNet18().DiscriminatorHiddenWidth}), batch {inferenceBatch}, synthetic {sourceSide} x {sourceSide} images.\n\n"
                + "| input | positions per image | ms per training step | ms per image (inference) |\n| ---: | ---: | ---: | ---: |\n"
                + string.Concat(inputRows.Select(r => $"| {r.Input} | {r.Positions} | {r.SecondsPerStep * 1e3:F1} | {r.InferenceSecondsPerImage * 1e3:F1} |\n"))
                + $"\nEpoch time against cache size at input {shape.Input} (ms per image should be flat):\n\n"
                + "| cached images | epoch s | ms per image |\n| ---: | ---: | ---: |\n"
                + string.Concat(cacheRows.Select(r => $"| {r.Images} | {r.EpochSeconds:F2} | {r.SecondsPerImage * 1e3:F1} |\n"));
            return BenchmarkRun.Result(arguments, "growth", new Measurement(shape, precision.ToString(), inputRows, cacheRows), markdown);
        };
    }
}
