using System.Diagnostics;
using TrisimpleNet.Data.Metrics;
using Xunit.Abstractions;

namespace TrisimpleNet.Data.Tests.Metrics;

/// <summary>
/// Measures memory and time of the pixel AUROC for 140 million pixels (134 maps of 1024 x 1024, an MVTec AD category at
/// full resolution). Opt-in because it takes minutes: set TRISIMPLENET_MEMORY_BENCHMARK=1 and run one case at a time,
/// since the process peak working set only grows:
/// <c>dotnet test -c Release --filter "DisplayName~pixel-level noise" --logger "console;verbosity=detailed"</c>. Nothing about time or memory is asserted.
/// </summary>
public class PixelScoreAccumulatorMemoryBenchmark(ITestOutputHelper output)
{
    private const int ImageCount = 134;
    private const int ImageSize = 1024;

    [SkippableTheory]
    [InlineData("smooth maps", 128, 0)]
    [InlineData("smooth maps quantised to 1/1000", 128, 1000)]
    [InlineData("pixel-level noise, nearly every score distinct", ImageSize, 0)]
    public void Reports_memory_and_time_for_140_million_pixels(string scenario, int patchGrid, int quantisationLevels)
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("TRISIMPLENET_MEMORY_BENCHMARK") == "1", "Set TRISIMPLENET_MEMORY_BENCHMARK=1 to run.");
        var maps = new SyntheticAnomalyMaps(seed: 1, size: ImageSize, patchGrid, quantisationLevels);
        long peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
        var accumulator = new PixelScoreAccumulator();
        var addTime = new Stopwatch();
        var scores = new float[ImageSize * ImageSize];
        var mask = new bool[ImageSize * ImageSize];
        for (int image = 0; image < ImageCount; image++)
        {
            maps.Fill(scores, mask);
            addTime.Start();
            accumulator.Add(scores, mask);
            addTime.Stop();
        }

        var computeTime = Stopwatch.StartNew();
        double auroc = accumulator.ComputeAuroc();
        computeTime.Stop();

        using var process = Process.GetCurrentProcess();
        output.WriteLine($"{scenario}: {accumulator.PositiveCount + accumulator.NegativeCount:N0} pixels, {accumulator.DistinctScoreCount:N0} distinct scores, AUROC {auroc:R}");
        output.WriteLine($"accumulator arrays: {accumulator.AllocatedBytes / 1048576.0:F1} MiB; score array for comparison: {(long)ImageCount * ImageSize * ImageSize * 4 / 1048576.0:F1} MiB");
        output.WriteLine($"process peak working set: {peakBefore / 1048576.0:F1} MiB before, {process.PeakWorkingSet64 / 1048576.0:F1} MiB after (includes one 1024x1024 map and mask being generated)");
        GCMemoryInfo gcInfo = GC.GetGCMemoryInfo();
        output.WriteLine($"managed heap: {gcInfo.HeapSizeBytes / 1048576.0:F1} MiB at the last GC, {gcInfo.TotalCommittedBytes / 1048576.0:F1} MiB committed; {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F1} MiB live after a full collection");
        output.WriteLine($"time: Add {addTime.Elapsed.TotalSeconds:F1} s, ComputeAuroc {computeTime.Elapsed.TotalSeconds:F1} s");
    }
}
