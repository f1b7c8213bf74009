using static TorchSharp.torch;

namespace TrisimpleNet.Benchmarks;

/// <summary>Backbone forward time (ResNet18 up to layer3) at each thread count, and the speed-up over the first.</summary>
public static class ThreadsBenchmark
{
    public sealed record Measurement(int Threads, double Seconds, double SpeedUp);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments, int repetitions)
    {
        int input = arguments.Int("input", 288);
        int batch = arguments.Int("batch", 8);
        var counts = arguments.Ints("counts", 1, 2);
        return () =>
        {
            var measurements = Measure(input, batch, counts, repetitions);
            var markdown = $"ResNet18 (ONNX weights) up to layer3, batch {batch}, input {input}.\n\n"
                + "| threads | ms per batch | speed-up |\n| ---: | ---: | ---: |\n"
                + string.Concat(measurements.Select(m => $"| {m.Threads} | {m.Seconds * 1e3:F1} | {m.SpeedUp:F2} |\n"));
            return BenchmarkRun.Result(arguments, "threads", measurements, markdown);
        };
    }

    private static Measurement[] Measure(int input, int batch, IReadOnlyList<int> counts, int repetitions)
    {
        int threadsBefore = get_num_threads();
        using var backbone = Backbones.Backbone.ResNet18Onnx();
        using var noGrad = no_grad();
        using var rgb = rand(batch, 3, input, input);
        try
        {
            var seconds = counts.Select(threads =>
            {
                set_num_threads(threads);
                return Timing.MedianSeconds(() =>
                {
                    using var scope = NewDisposeScope();
                    backbone.Extract(rgb);
                }, repetitions);
            }).ToArray();
            return counts.Select((threads, i) => new Measurement(threads, seconds[i], seconds[0] / seconds[i])).ToArray();
        }
        finally
        {
            set_num_threads(threadsBefore);
        }
    }
}
