using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// The heap trim of <see cref="TrisimpleNetOptions.LimitNativeHeapGrowth"/> does not mistake a memory-mapped feature
/// cache being read in for heap growth. Measures process-wide memory, so it runs alone.
/// </summary>
[Collection(nameof(WorkingSetCollection))]
public sealed class MappedCacheResidentGrowthTests
{
    private const long MiB = 1 << 20;

    [SkippableFact]
    public void PagesOfAMemoryMappedCacheReadInDoNotCountAsGrowth()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Reads RssAnon of /proc/self/status.");
        var folder = Directory.CreateTempSubdirectory("trisimplenet-growth-").FullName;
        try
        {
            // Preallocated and never written: reading it costs no disk, only page cache.
            var (features, file) = FeatureCacheFile.Create(folder, [ResidentGrowthLimit.Budget / MiB + 128, MiB / 4], ScalarType.Float32);
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
