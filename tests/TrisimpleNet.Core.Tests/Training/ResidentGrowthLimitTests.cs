using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Training;

public sealed class ResidentGrowthLimitTests
{
    private const long MiB = 1 << 20;

    [Fact]
    public void TrimsOnlyAfterAStepThatLeavesTheResidentSizeMoreThanTheBudgetAboveTheFirstSteps()
    {
        var readings = new Queue<long>([1000 * MiB, 1200 * MiB, 1000 * MiB + ResidentGrowthLimit.Budget, 1001 * MiB + ResidentGrowthLimit.Budget, 1100 * MiB]);
        int trims = 0;
        var limit = new ResidentGrowthLimit(readings.Dequeue, () => trims++);

        var trimmed = Enumerable.Range(0, 5).Select(_ => limit.AfterStep()).ToArray();

        Assert.Equal([false, false, false, true, false], trimmed);
        Assert.Equal(1, trims);
    }

    [SkippableFact]
    public void PagesOfAMemoryMappedCacheReadInDoNotCountAsGrowth()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Reads RssAnon of /proc/self/status.");
        var folder = Directory.CreateTempSubdirectory("trisimplenet-growth-").FullName;
        try
        {
            // Preallocated and never written: reading it costs no disk, only page cache.
            var (features, file) = FeatureCacheFile.Create(folder, [ResidentGrowthLimit.Budget / MiB + 128, MiB / 4], TorchSharp.torch.ScalarType.Float32);
            using var cache = new FeatureCache(features.reshape(features.shape[0], 1, 1, features.shape[1]), file);
            features.Dispose();
            int trims = 0;
            var limit = new ResidentGrowthLimit(ResidentGrowthLimit.AnonymousResidentBytes, () => trims++);
            long workingSetBefore = Environment.WorkingSet;
            limit.AfterStep();

            Assert.Equal(64, cache.Fingerprint().Length);
            long workingSetGrowth = Environment.WorkingSet - workingSetBefore;
            bool trimmed = limit.AfterStep();

            Assert.True(workingSetGrowth > ResidentGrowthLimit.Budget, $"The working set grew by only {workingSetGrowth / MiB} MiB: the test did not read the cache in.");
            Assert.False(trimmed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
