using System.Diagnostics;
using TrisimpleNet.Core.Tests.Sharing;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// Predicting does not leak native memory: after a warm-up, 300 predictions of a 64 x 64 detector grow the working
/// set by less than 50 MB. The full count of the issue, 10,000 with the packaged ResNet18, is
/// <c>TrisimpleNet.Benchmarks prediction-memory</c> (docs/reliability.md).
/// </summary>
[Collection(nameof(WorkingSetCollection))]
public sealed class NativeMemoryTests
{
    private const int WarmUpPredictions = 50;
    private const int Predictions = 300;
    private const long AllowedGrowth = 50L << 20;

    [Fact]
    public void PredictionsAfterWarmUpGrowTheWorkingSetByLessThan50MB()
    {
        using var detector = TinyDetectors.Train();
        NativeHeap.Trim();
        var image = TinyDetectors.Images(1, 3);
        for (int i = 0; i < WarmUpPredictions; i++) detector.Predict(image);
        long before = SettledWorkingSet();

        for (int i = 0; i < Predictions; i++) detector.Predict(image);
        long growth = SettledWorkingSet() - before;

        Assert.True(growth < AllowedGrowth, $"The working set grew by {growth / 1e6:F1} MB over {Predictions} predictions.");
    }

    // Collected around the finalizers, the last time aggressively (returning the managed heap's free regions), so that
    // what is still held is what is measured.
    private static long SettledWorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
