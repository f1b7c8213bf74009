using TrisimpleNet.Noise;
using static TorchSharp.torch;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Time to draw one training step's noise (feature rows x width, float32): from one generator, as libtorch draws it,
/// against the library's blockwise draw on torch's threads (<see cref="BlockwiseNormal"/>), alternating in one process
/// so that a shared machine's drift falls on both alike.
/// </summary>
public static class NoiseDrawBenchmark
{
    public sealed record Measurement(long Rows, int Width, int Blocks, double OneGeneratorSeconds, double BlockwiseSeconds, double SpeedUp);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments, int repetitions)
    {
        var shape = TrainingShape.FromArguments(arguments);
        return () =>
        {
            var m = Measure(shape, repetitions);
            var markdown = "| rows | width | blocks | one generator ms | blockwise ms | speed-up |\n| ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + $"| {m.Rows} | {m.Width} | {m.Blocks} | {m.OneGeneratorSeconds * 1e3:F1} | {m.BlockwiseSeconds * 1e3:F1} | {m.SpeedUp:F2} |\n"
                + $"\nOne noise of a training step ({shape.Batch} images x {shape.Grid} x {shape.Grid} positions, width {shape.Width}); "
                + "a TrisimpleNet step draws two, a SimpleNet step one. Medians of alternating draws after one warm-up each.\n";
            return BenchmarkRun.Result(arguments, "noise", m, markdown);
        };
    }

    public static Measurement Measure(TrainingShape shape, int repetitions)
    {
        long[] noiseShape = [shape.Rows, shape.Width];
        using var generator = new Generator(0, CPU);
        var oneGenerator = new List<double>();
        var blockwise = new List<double>();
        for (int run = 0; run <= repetitions; run++)
        {
            double single = Timing.MedianSeconds(() => { using var noise = randn(noiseShape, generator: generator); }, 1, warmUps: 0);
            double blocks = Timing.MedianSeconds(() => { using var noise = BlockwiseNormal.Draw(noiseShape, ScalarType.Float32, CPU, generator); }, 1, warmUps: 0);
            if (run == 0) continue; // warm-up
            oneGenerator.Add(single);
            blockwise.Add(blocks);
        }
        double oneGeneratorSeconds = Timing.Median(oneGenerator), blockwiseSeconds = Timing.Median(blockwise);
        return new Measurement(shape.Rows, shape.Width, BlockwiseNormal.BlockCount(shape.Rows * shape.Width),
            oneGeneratorSeconds, blockwiseSeconds, oneGeneratorSeconds / blockwiseSeconds);
    }
}
