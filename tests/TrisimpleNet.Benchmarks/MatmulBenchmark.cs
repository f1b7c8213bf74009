using static TorchSharp.torch;

namespace TrisimpleNet.Benchmarks;

/// <summary>Achieved GFLOP/s of torch.matmul on the training step's two shapes, in float32 and bfloat16.</summary>
public static class MatmulBenchmark
{
    public sealed record Measurement(string Shape, string Precision, double Seconds, double Gflops);

    /// <summary>
    /// The step's matmuls in <paramref name="precision"/>, their mix weighted as in an unfolded step (2 adaptor, 3
    /// discriminator), and as in the folded step (2 discriminator, 3 composite).
    /// </summary>
    public sealed record StepMix(Measurement Adaptor, Measurement Discriminator, Measurement Composite, double MixGflops, double FoldedMixGflops);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments, int repetitions)
    {
        var shape = TrainingShape.FromArguments(arguments);
        return () =>
        {
            var mixes = new[] { ScalarType.Float32, ScalarType.BFloat16 }.Select(precision => Measure(shape, precision, repetitions)).ToArray();
            var rows = mixes.SelectMany(mix => new[] { mix.Adaptor, mix.Discriminator, mix.Composite });
            var markdown = "| shape | precision | ms | GFLOP/s |\n| --- | --- | ---: | ---: |\n"
                + string.Concat(rows.Select(m => $"| {m.Shape} | {m.Precision} | {m.Seconds * 1e3:F1} | {m.Gflops:F1} |\n"))
                + "\nMix as in a training step (2 adaptor-shaped, 3 discriminator-shaped products): "
                + string.Join(", ", mixes.Select(mix => $"{mix.Adaptor.Precision} {mix.MixGflops:F1} GFLOP/s")) + ".\n"
                + "Mix as in a folded step (2 discriminator-shaped, 3 composite-shaped products): "
                + string.Join(", ", mixes.Select(mix => $"{mix.Adaptor.Precision} {mix.FoldedMixGflops:F1} GFLOP/s")) + ".\n"
                + $"\nPrecision Auto resolves to {AutoPrecision.Cpu} (probe: float32 {AutoPrecision.CpuRates.Float32Gflops:F1}, "
                + $"bfloat16 {AutoPrecision.CpuRates.BFloat16Gflops:F1} GFLOP/s).\n";
            return BenchmarkRun.Result(arguments, "matmul", mixes, markdown);
        };
    }

    public static StepMix Measure(TrainingShape shape, ScalarType precision, int repetitions)
    {
        var adaptor = Measure(shape.Adaptor, precision, repetitions);
        var discriminator = Measure(shape.Discriminator, precision, repetitions);
        var composite = Measure(shape.Composite, precision, repetitions);
        double mix = shape.StepFlops / (2 * adaptor.Seconds + 3 * discriminator.Seconds) / 1e9;
        double foldedMix = shape.FoldedStepFlops / (2 * discriminator.Seconds + 3 * composite.Seconds) / 1e9;
        return new StepMix(adaptor, discriminator, composite, mix, foldedMix);
    }

    private static Measurement Measure(MatmulShape shape, ScalarType precision, int repetitions)
    {
        using var scope = NewDisposeScope();
        var left = randn(shape.M, shape.K, dtype: precision);
        var right = randn(shape.K, shape.N, dtype: precision);
        double seconds = Timing.MedianSeconds(() =>
        {
            using var product = matmul(left, right);
        }, repetitions);
        return new Measurement(shape.ToString(), precision.ToString(), seconds, shape.Flops / seconds / 1e9);
    }
}
