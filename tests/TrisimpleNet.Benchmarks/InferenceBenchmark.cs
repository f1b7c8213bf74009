using TrisimpleNet.Imaging;
using static TorchSharp.torch;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Time per batch of each inference stage with the real ResNet18 backbone: preprocessing, backbone, aggregation,
/// adaptor + discriminator, scoring (upsampling and Gaussian smoothing); and the whole of PredictBatches, whose
/// preprocessing of the next batch overlaps the current one.
/// </summary>
public static class InferenceBenchmark
{
    public sealed record Stage(string Name, double Seconds, double Share);

    public sealed record Measurement(
        int Input, int Batch, int SourceSide, int Hidden, int Pairs, IReadOnlyList<Stage> Stages, double PostBackbonePerBackbone,
        double StagesImagesPerSecond, double PredictSecondsPerBatch, double PredictImagesPerSecond);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments, int repetitions)
    {
        int input = arguments.Int("input", 288);
        int batch = arguments.Int("batch", 8);
        int sourceSide = arguments.Int("source", 1024);
        int hidden = arguments.Int("hidden", TrisimpleNetOptions.ResNet18().DiscriminatorHiddenWidth);
        int? pairs = arguments.OptionalInt("pairs");
        return () =>
        {
            var m = Measure(input, batch, sourceSide, hidden, repetitions, pairs);
            var markdown = $"Input {m.Input}, batch {m.Batch}, discriminator hidden width {m.Hidden} x {m.Pairs} merged pairs, synthetic {m.SourceSide} x {m.SourceSide} images in memory.\n\n"
                + "| stage | ms per batch | share |\n| --- | ---: | ---: |\n"
                + string.Concat(m.Stages.Select(s => $"| {s.Name} | {s.Seconds * 1e3:F1} | {s.Share:P1} |\n"))
                + $"\nStages one after another: {m.StagesImagesPerSecond:F2} images/s. "
                + $"PredictBatches (preprocessing overlapped): {m.PredictSecondsPerBatch * 1e3:F1} ms per batch, {m.PredictImagesPerSecond:F2} images/s. "
                + $"Post-backbone time (aggregation, adaptor + discriminator, scoring) / backbone time: {m.PostBackbonePerBackbone:F2}.\n";
            return BenchmarkRun.Result(arguments, "inference", m, markdown);
        };
    }

    public static Measurement Measure(int input, int batch, int sourceSide, int hidden, int repetitions, int? pairs = null)
    {
        using var detector = TinyDetector.Train(input, batch, hidden, pairs);
        var images = SyntheticImages.InMemory(batch, sourceSide);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();

        var rgb = detector.Preprocessor.ToTensor(images);
        var layers = detector.Extractor.Backbone.Extract(rgb);
        var features = detector.Extractor.Aggregator.Aggregate(layers);
        var patchScores = detector.ScorePatches(features.reshape(-1, features.shape[3])).reshape(features.shape[0], features.shape[1], features.shape[2]);
        var seconds = new (string Name, double Seconds)[]
        {
            ("preprocessing", Time(() => detector.Preprocessor.ToTensor(images), repetitions)),
            ("backbone", Time(() => detector.Extractor.Backbone.Extract(rgb), repetitions)),
            ("aggregation", Time(() => detector.Extractor.Aggregator.Aggregate(layers), repetitions)),
            ("adaptor + discriminator", Time(() => detector.ScorePatches(features.reshape(-1, features.shape[3])), repetitions)),
            ("scoring", Time(() => detector.Scorer.Score(patchScores, detector.InputHeight, detector.InputWidth), repetitions)),
        };
        double total = seconds.Sum(s => s.Seconds);
        double backbone = seconds[1].Seconds;
        double predict = Timing.MedianSeconds(() => detector.PredictBatches(images, (_, _, _) => { }), repetitions);
        return new Measurement(input, batch, sourceSide, hidden, detector.Options.EnsembleSize!.Value,
            seconds.Select(s => new Stage(s.Name, s.Seconds, s.Seconds / total)).ToArray(),
            seconds.Skip(2).Sum(s => s.Seconds) / backbone,
            batch / total, predict, batch / predict);
    }

    /// <summary>Seconds per image of PredictBatches over one batch of in-memory images.</summary>
    public static double PredictSecondsPerImage(int input, int batch, int sourceSide, int repetitions)
    {
        using var detector = TinyDetector.Train(input, batch);
        var images = SyntheticImages.InMemory(batch, sourceSide);
        return Timing.MedianSeconds(() => detector.PredictBatches(images, (_, _, _) => { }), repetitions) / batch;
    }

    private static double Time(Action stage, int repetitions) => Timing.MedianSeconds(() =>
    {
        using var scope = NewDisposeScope();
        stage();
    }, repetitions);
}
