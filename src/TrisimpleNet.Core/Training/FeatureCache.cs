using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Training;

/// <summary>
/// The aggregated backbone features of every training image, computed once: the backbone is frozen and training
/// images are not augmented, so epochs only run the adaptor, the noise, the discriminator and the loss.
/// Stored as images x positions x width in the cache precision (bfloat16 halves the memory of float32), in memory or,
/// beyond <see cref="TrisimpleNetOptions.FeatureCacheMemoryBudget"/>, memory-mapped from a file: the same bytes either way.
/// </summary>
public sealed class FeatureCache : IDisposable
{
    private readonly Tensor _features;
    private readonly FeatureCacheFile? _file;

    /// <param name="features">Images x grid height x grid width x width; the cache takes ownership.</param>
    public FeatureCache(Tensor features)
    {
        if (features.dim() != 4) throw new ArgumentException("Cached features must be images x h x w x width.", nameof(features));
        GridHeight = (int)features.shape[1];
        GridWidth = (int)features.shape[2];
        _features = features.reshape(features.shape[0], features.shape[1] * features.shape[2], features.shape[3]);
        if (!ReferenceEquals(_features, features)) features.Dispose();
    }

    /// <param name="features">Images x grid height x grid width x width, mapped from <paramref name="file"/>; the cache takes ownership of both.</param>
    /// <param name="file">The file behind <paramref name="features"/>, deleted (where not already unlinked) when the cache is disposed.</param>
    internal FeatureCache(Tensor features, FeatureCacheFile? file) : this(features) => _file = file;

    /// <summary>The file the features are mapped from, or null when they are in memory.</summary>
    internal FeatureCacheFile? File => _file;

    /// <summary>Number of cached images.</summary>
    public int ImageCount => (int)_features.shape[0];

    /// <summary>Feature grid height.</summary>
    public int GridHeight { get; }

    /// <summary>Feature grid width.</summary>
    public int GridWidth { get; }

    /// <summary>Feature width.</summary>
    public int Width => (int)_features.shape[2];

    /// <summary>Bytes held per cached image.</summary>
    public long BytesPerImage => _features.shape[1] * _features.shape[2] * _features.element_size();

    /// <summary>The features of <paramref name="imageIndices"/> as (count * positions) x width rows, in the cache's element type.</summary>
    public Tensor Rows(Tensor imageIndices) =>
        _features.index_select(0, imageIndices).reshape(-1, _features.shape[2]);

    /// <summary>
    /// The mean over feature dimensions of each dimension's standard deviation across all cached positions: the
    /// scale that relative noise sigmas multiply. Computed in float64 in chunks of images.
    /// </summary>
    public double MeasureSpread()
    {
        using var scope = NewDisposeScope();
        var sum = zeros(Width, dtype: ScalarType.Float64, device: _features.device);
        var sumOfSquares = zeros(Width, dtype: ScalarType.Float64, device: _features.device);
        using Scalar one = 1, two = 2;
        const int chunk = 16;
        for (int start = 0; start < ImageCount; start += chunk)
        {
            using var inner = NewDisposeScope();
            var rows = _features.narrow(0, start, Math.Min(chunk, ImageCount - start)).reshape(-1, Width).to(ScalarType.Float64);
            sum.add_(rows.sum(dim: 0), one);
            sumOfSquares.add_(rows.pow(two).sum(dim: 0), one);
        }
        double count = (double)ImageCount * _features.shape[1];
        using Scalar zero = 0, positions = count, degreesOfFreedom = Math.Max(count - 1, 1);
        var variance = (sumOfSquares - sum.pow(two) / positions) / degreesOfFreedom;
        return variance.clamp_min(zero).sqrt().mean().item<double>();
    }

    /// <summary>
    /// SHA-256 (hex) of the cached features: it identifies the training images, preprocessing, backbone and
    /// aggregation a training checkpoint belongs to. Hashed in chunks of images, each copied to the CPU.
    /// </summary>
    internal string Fingerprint()
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        const int chunk = 16;
        for (int start = 0; start < ImageCount; start += chunk)
        {
            using var scope = NewDisposeScope();
            var images = _features.narrow(0, start, Math.Min(chunk, ImageCount - start)).cpu().contiguous();
            hash.AppendData(images.bytes);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The mapping goes with the tensor's storage; only then can a file that was not unlinked be deleted.
        _features.Dispose();
        _file?.Dispose();
    }
}
