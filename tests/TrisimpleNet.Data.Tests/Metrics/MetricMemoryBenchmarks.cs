using System.Diagnostics;
using TrisimpleNet.Data.Metrics;
using Xunit.Abstractions;

namespace TrisimpleNet.Data.Tests.Metrics;

/// <summary>
/// Measures memory and time of the streamed pixel metrics: pixel AUROC for 140 million pixels (134 maps of 1024 x 1024,
/// an MVTec AD category at full resolution) and AUPRO for 100 maps of 288 x 288. Opt-in because they take minutes:
/// set TRISIMPLENET_MEMORY_BENCHMARK=1 and run one case per process, since the process peak working set only grows:
/// <c>dotnet test -c Release --filter "DisplayName~pixel-level noise" --logger "console;verbosity=detailed"</c>.
/// Nothing about time or memory is asserted.
/// </summary>
public class MetricMemoryBenchmarks(ITestOutputHelper output)
{
    private const string EnablingVariable = "TRISIMPLENET_MEMORY_BENCHMARK";

    [SkippableTheory]
    [InlineData("smooth maps", 128, 0)]
    [InlineData("smooth maps quantised to 1/1000", 128, 1000)]
    [InlineData("pixel-level noise, nearly every score distinct", 1024, 0)]
    public void Pixel_AUROC_of_140_million_pixels(string scenario, int patchGrid, int quantisationLevels)
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(EnablingVariable) == "1", $"Set {EnablingVariable}=1 to run.");
        var accumulator = new PixelScoreAccumulator();
        double auroc = Measure(134, 1024, patchGrid, quantisationLevels, (scores, mask, _) => accumulator.Add(scores, mask), accumulator.ComputeAuroc);

        output.WriteLine($"{scenario}: {accumulator.PositiveCount + accumulator.NegativeCount:N0} pixels, {accumulator.DistinctScoreCount:N0} distinct scores, AUROC {auroc:R}");
        output.WriteLine($"accumulator arrays: {accumulator.AllocatedBytes / 1048576.0:F1} MiB; score array for comparison: {134L * 1024 * 1024 * 4 / 1048576.0:F1} MiB");
    }

    [SkippableFact]
    public void AUPRO_of_100_maps_of_288_by_288()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(EnablingVariable) == "1", $"Set {EnablingVariable}=1 to run.");
        var accumulator = new AuproAccumulator();
        double aupro = Measure(100, 288, 288, 0, (scores, mask, width) => accumulator.Add(scores, mask, width), accumulator.Compute);

        output.WriteLine($"AUPRO {aupro:R} over {accumulator.RegionCount} regions and {accumulator.NormalPixelCount:N0} normal pixels");
    }

    /// <summary>Adds synthetic maps, computes the metric and writes time and memory; map generation is not timed.</summary>
    private double Measure(int imageCount, int size, int patchGrid, int quantisationLevels, Action<float[], bool[], int> add, Func<double> compute)
    {
        var maps = new SyntheticAnomalyMaps(seed: 1, size, patchGrid, quantisationLevels);
        var scores = new float[size * size];
        var mask = new bool[size * size];
        long peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
        var addTime = new Stopwatch();
        for (int image = 0; image < imageCount; image++)
        {
            maps.Fill(scores, mask);
            addTime.Start();
            add(scores, mask, size);
            addTime.Stop();
        }

        var computeTime = Stopwatch.StartNew();
        double metric = compute();
        computeTime.Stop();

        using var process = Process.GetCurrentProcess();
        GCMemoryInfo gcInfo = GC.GetGCMemoryInfo();
        output.WriteLine($"process peak working set: {peakBefore / 1048576.0:F1} MiB before, {process.PeakWorkingSet64 / 1048576.0:F1} MiB after (includes one map and mask being generated)");
        output.WriteLine($"managed heap: {gcInfo.HeapSizeBytes / 1048576.0:F1} MiB at the last GC, {gcInfo.TotalCommittedBytes / 1048576.0:F1} MiB committed; {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F1} MiB live after a full collection");
        output.WriteLine($"time: adding {imageCount} maps {addTime.Elapsed.TotalSeconds:F1} s, computing {computeTime.Elapsed.TotalSeconds:F1} s");
        return metric;
    }
}
