using TrisimpleNet.Core.Tests.Sharing;
using TrisimpleNet.Features;
using TrisimpleNet.Imaging;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

/// <summary>Feature caches built from <see cref="TinyDetectors"/>' images, and what this process has mapped from a folder.</summary>
internal static class MappedFeatures
{
    /// <summary>A cache of <paramref name="images"/> grey-noise images (32 x 32, width 16, bfloat16) built with <paramref name="budget"/> and <paramref name="folder"/>.</summary>
    public static FeatureCache Build(int images, long? budget, string? folder)
    {
        using var backbone = new TinyBackbone();
        var extractor = new FeatureExtractor(ImagePreprocessor.ResizeWhole(32, 32), backbone, new SpatialAverageAggregator(patchSize: 3, outputWidth: 16), CPU);
        var options = new TrisimpleNetOptions { FeatureCacheMemoryBudget = budget, FeatureCacheFolder = folder, InferenceBatchSize = 3 };
        return AnomalyDetectorBuilder.BuildCache(extractor, TinyDetectors.Images(images, 4), options, progress: null, CancellationToken.None);
    }

    /// <summary>The lines of /proc/self/maps naming a file in <paramref name="folder"/>: this process's mappings of it, unlinked or not.</summary>
    public static string[] Of(string folder)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Reads /proc/self/maps.");
        string prefix = Path.GetFullPath(folder).TrimEnd('/') + "/";
        return File.ReadAllLines("/proc/self/maps").Where(line => line.Contains(prefix, StringComparison.Ordinal)).ToArray();
    }
}
