using System.Diagnostics;
using TrisimpleNet.Data.Metrics;
using TrisimpleNet.Data.Tests.Metrics;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Memory and time of the streamed pixel metrics on synthetic anomaly maps: pixel AUROC of 134 maps of 1024 x 1024
/// (140 million pixels, an MVTec AD category at full resolution) or AUPRO of 100 maps of 288 x 288.
/// </summary>
public static class MetricMemoryBenchmark
{
    /// <summary>The maps and the metric: smooth, quantised and noisy maps measure pixel AUROC, aupro measures AUPRO.</summary>
    public enum Case
    {
        /// <summary>128 x 128 patch scores upsampled bilinearly.</summary>
        Smooth,

        /// <summary>Smooth maps rounded to 1/1000: heavy ties, few distinct scores.</summary>
        Quantised,

        /// <summary>One patch score per pixel: nearly every score distinct.</summary>
        Noisy,

        /// <summary>Noisy maps, measured with AUPRO.</summary>
        Aupro,
    }

    public sealed record Measurement(
        string Case, string Metric, int Maps, int Size, int PatchGrid, int QuantisationLevels, long Pixels, double Value,
        long? DistinctScores, long? TallyBytes, int? Regions, long LiveHeapBytes, long CommittedHeapBytes,
        long WorkingSetBefore, long PeakWorkingSet, bool PeakResetBeforeAdding, double AddSeconds, double ComputeSeconds);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments)
    {
        var metricCase = arguments.Enum("case", Case.Smooth);
        int maps = arguments.Int("maps", metricCase == Case.Aupro ? 100 : 134);
        int size = arguments.Int("size", metricCase == Case.Aupro ? 288 : 1024);
        return () =>
        {
            var m = Measure(metricCase, maps, size);
            const double mebibyte = 1 << 20;
            string Mebibytes(long? bytes) => bytes is long b ? $"{b / mebibyte:F0}" : "-";
            var markdown = $"{m.Metric} of {m.Maps} synthetic maps of {m.Size} x {m.Size} = {m.Pixels:N0} pixels, case {m.Case} "
                + $"(patch grid {m.PatchGrid}, {(m.QuantisationLevels > 0 ? $"quantised to 1/{m.QuantisationLevels}" : "not quantised")}); "
                + $"{m.Metric} {m.Value:F6}{(m.Regions is int regions ? $" over {regions} regions" : "")}; "
                + $"the score array alone would be {m.Pixels * sizeof(float) / mebibyte:F0} MiB.\n\n"
                + "| distinct scores | tally MiB | live heap MiB | GC committed MiB | working set before MiB | peak working set MiB | adding s | computing s |\n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + $"| {(m.DistinctScores is long distinct ? $"{distinct:N0}" : "-")} | {Mebibytes(m.TallyBytes)} | {Mebibytes(m.LiveHeapBytes)} | {Mebibytes(m.CommittedHeapBytes)} "
                + $"| {Mebibytes(m.WorkingSetBefore)} | {Mebibytes(m.PeakWorkingSet)} | {m.AddSeconds:F1} | {m.ComputeSeconds:F1} |\n"
                + (m.PeakResetBeforeAdding ? "" : "\nThe peak could not be reset: it is the peak of the whole process so far.\n");
            return BenchmarkRun.Result(arguments, "metric-memory", m, markdown);
        };
    }

    private static Measurement Measure(Case metricCase, int maps, int size)
    {
        int patchGrid = metricCase is Case.Smooth or Case.Quantised ? 128 : size;
        int quantisationLevels = metricCase == Case.Quantised ? 1000 : 0;
        var generator = new SyntheticAnomalyMaps(seed: 1, size, patchGrid, quantisationLevels);
        string caseName = metricCase.ToString().ToLowerInvariant();
        long pixels = (long)maps * size * size;
        if (metricCase == Case.Aupro)
        {
            var aupro = new AuproAccumulator();
            var run = Run(generator, maps, size, (scores, mask) => aupro.Add(scores, mask, size), aupro.Compute);
            return new Measurement(caseName, "AUPRO", maps, size, patchGrid, quantisationLevels, pixels, run.Value,
                null, null, aupro.RegionCount, run.LiveHeapBytes, run.CommittedHeapBytes, run.WorkingSetBefore,
                run.PeakWorkingSet, run.PeakReset, run.AddSeconds, run.ComputeSeconds);
        }

        var auroc = new PixelScoreAccumulator();
        var aurocRun = Run(generator, maps, size, (scores, mask) => auroc.Add(scores, mask), auroc.ComputeAuroc);
        return new Measurement(caseName, "pixel AUROC", maps, size, patchGrid, quantisationLevels, pixels, aurocRun.Value,
            auroc.DistinctScoreCount, auroc.AllocatedBytes, null, aurocRun.LiveHeapBytes, aurocRun.CommittedHeapBytes,
            aurocRun.WorkingSetBefore, aurocRun.PeakWorkingSet, aurocRun.PeakReset, aurocRun.AddSeconds, aurocRun.ComputeSeconds);
    }

    private sealed record MetricRun(
        double Value, long LiveHeapBytes, long CommittedHeapBytes, long WorkingSetBefore, long PeakWorkingSet, bool PeakReset,
        double AddSeconds, double ComputeSeconds);

    /// <summary>Adds the maps and computes the metric; generating a map is not timed but is inside the peak.</summary>
    /// <remarks>The caller reads the accumulator afterwards, which keeps it alive for the live-heap figure.</remarks>
    private static MetricRun Run(SyntheticAnomalyMaps generator, int maps, int size, Action<float[], bool[]> add, Func<double> compute)
    {
        var scores = new float[size * size];
        var mask = new bool[size * size];
        GC.Collect();
        bool reset = PeakMemory.TryReset();
        long before = PeakMemory.WorkingSet();
        var addTime = new Stopwatch();
        for (int map = 0; map < maps; map++)
        {
            generator.Fill(scores, mask);
            addTime.Start();
            add(scores, mask);
            addTime.Stop();
        }

        var computeTime = Stopwatch.StartNew();
        double value = compute();
        computeTime.Stop();
        long peak = PeakMemory.Peak();
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        long live = GC.GetTotalMemory(forceFullCollection: true);
        return new MetricRun(value, live, committed, before, peak, reset, addTime.Elapsed.TotalSeconds, computeTime.Elapsed.TotalSeconds);
    }
}
