using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Training;

/// <summary>
/// Where a feature cache lives: in memory while it fits <see cref="TrisimpleNetOptions.FeatureCacheMemoryBudget"/>,
/// otherwise in a <see cref="FeatureCacheFile"/> in <see cref="TrisimpleNetOptions.FeatureCacheFolder"/>.
/// </summary>
internal static class FeatureCacheStorage
{
    /// <summary>
    /// The budget in bytes: the option, or by default half the memory available to this process as .NET sees it
    /// (physical memory, or a container's limit), leaving the other half to training itself, the backbone and the system.
    /// </summary>
    public static long Budget(TrisimpleNetOptions options) =>
        options.FeatureCacheMemoryBudget ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;

    /// <summary>
    /// An uninitialised tensor of <paramref name="shape"/> (images x grid height x grid width x width) and
    /// <paramref name="type"/>, with the file behind it when it exceeds the budget (dispose the file after the tensor).
    /// </summary>
    /// <exception cref="IOException">The cache exceeds the budget and <see cref="TrisimpleNetOptions.FeatureCacheFolder"/> has no room for it.</exception>
    public static (Tensor Features, FeatureCacheFile? File) Allocate(long[] shape, ScalarType type, TrisimpleNetOptions options)
    {
        long bytes = shape.Aggregate(ElementSize(type), (product, length) => checked(product * length));
        if (bytes <= Budget(options)) return (empty(shape, type), null);
        return FeatureCacheFile.Create(options.FeatureCacheFolder ?? Path.GetTempPath(), shape, type);
    }

    /// <summary>Bytes per element of <paramref name="type"/>.</summary>
    public static long ElementSize(ScalarType type)
    {
        using var probe = empty(0, dtype: type);
        return probe.element_size();
    }
}
