using System.Diagnostics;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Whether prediction leaks memory (issue 11, "Under load"): the working set after a warm-up, then every
/// <c>--sample-every</c> predictions of one in-memory synthetic image with the ResNet18 preset, each sample taken
/// after an aggressive full garbage collection (which also returns the managed heap's free regions), so that only
/// what is still held counts; glibc's native heap is trimmed once, after training, not before each sample. The criterion: less than 50 MB of growth
/// over 10,000 predictions.
/// </summary>
public static class PredictionMemoryBenchmark
{
    public sealed record Sample(int Predictions, long WorkingSet, long GrowthSinceWarmUp);

    public sealed record Measurement(int Input, int Source, int WarmUp, int Predictions, long WorkingSetAfterWarmUp,
        long FinalGrowth, long LargestGrowth, double Seconds, IReadOnlyList<Sample> Samples);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments)
    {
        int predictions = arguments.Int("predictions", 10_000);
        int warmUp = arguments.Int("warmup", 200);
        int input = arguments.Int("input", 64);
        int source = arguments.Int("source", 256);
        int sampleEvery = arguments.Int("sample-every", 1000);
        return () =>
        {
            var m = Measure(input, source, warmUp, predictions, sampleEvery);
            const double megabyte = 1e6;
            var markdown = $"ResNet18 preset at input {m.Input}, one {m.Source} x {m.Source} synthetic image per `Predict`, {m.WarmUp} warm-up predictions; "
                + "each sample after an aggressive `GC.Collect`; native heap trimmed once after training. Criterion: less than 50 MB growth over 10,000 predictions.\n\n"
                + $"Growth after {m.Predictions:N0} predictions: **{m.FinalGrowth / megabyte:F1} MB** (largest at any sample {m.LargestGrowth / megabyte:F1} MB); "
                + $"working set after warm-up {m.WorkingSetAfterWarmUp / megabyte:F0} MB; {m.Seconds:F0} s.\n\n"
                + "| predictions | working set MB | growth since warm-up MB |\n| ---: | ---: | ---: |\n"
                + string.Concat(m.Samples.Select(s => $"| {s.Predictions:N0} | {s.WorkingSet / megabyte:F1} | {s.GrowthSinceWarmUp / megabyte:F1} |\n"));
            return BenchmarkRun.Result(arguments, "prediction-memory", m, markdown);
        };
    }

    private static Measurement Measure(int input, int source, int warmUp, int predictions, int sampleEvery)
    {
        using var detector = TinyDetector.Train(input, inferenceBatch: 1);
        // What training freed is returned first, so that its lazy return does not pass for a shrinking working set.
        NativeHeap.Trim();
        var image = SyntheticImages.InMemory(1, source);
        for (int i = 0; i < warmUp; i++) detector.Predict(image);
        long afterWarmUp = SettledWorkingSet();
        var samples = new List<Sample>();
        var clock = Stopwatch.StartNew();
        for (int done = 1; done <= predictions; done++)
        {
            detector.Predict(image);
            if (done % sampleEvery == 0 || done == predictions)
            {
                long workingSet = SettledWorkingSet();
                samples.Add(new Sample(done, workingSet, workingSet - afterWarmUp));
            }
        }
        return new Measurement(input, source, warmUp, predictions, afterWarmUp, samples[^1].GrowthSinceWarmUp,
            samples.Max(s => s.GrowthSinceWarmUp), clock.Elapsed.TotalSeconds, samples);
    }

    private static long SettledWorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return PeakMemory.WorkingSet();
    }
}
