using System.Collections.Concurrent;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace TrisimpleNet.Features;

/// <summary>
/// The official SimpleNet aggregation: per layer a patch x patch unfold (stride 1, zero padding); deeper layers'
/// patch grids resized bilinearly to the first layer's grid; each layer's C*patch*patch vector (channel-major,
/// then the window) adaptively average-pooled to <c>layerWidth</c>; the per-layer vectors stacked, flattened and
/// pooled to <c>outputWidth</c>. With two layers of 1536 pooled to 1536 this averages adjacent pairs, so the first
/// half of the output comes from the first layer and the second half from the second.
/// The unfold is never materialised: the composite of unfold and poolings is a sparse linear map, applied as box sums
/// along window rows and shifted values (see <see cref="LayerPooling"/>).
/// The map's tensors are built on first use per channel counts and device, and freed by <see cref="Dispose"/>.
/// </summary>
public sealed class UnfoldPoolAggregator : IFeatureAggregator, IDisposable
{
    private readonly int _patchSize;
    private readonly int _layerWidth;

    /// <param name="patchSize">Neighbourhood side (odd).</param>
    /// <param name="layerWidth">Width each layer's patch vector is pooled to.</param>
    /// <param name="outputWidth">Width of the combined feature.</param>
    public UnfoldPoolAggregator(int patchSize, int layerWidth, int outputWidth)
    {
        PatchSize.ThrowIfInvalid(patchSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(layerWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputWidth, 1);
        _patchSize = patchSize;
        _layerWidth = layerWidth;
        OutputWidth = outputWidth;
    }

    /// <inheritdoc />
    public int OutputWidth { get; }

    /// <inheritdoc />
    public Tensor Aggregate(IReadOnlyList<Tensor> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("At least one layer map is needed.", nameof(layers));
        using var scope = NewDisposeScope();
        var poolings = PoolingOf(layers.Select(l => l.shape[1]).ToArray(), layers[0].device);
        long batch = layers[0].shape[0], height = layers[0].shape[2], width = layers[0].shape[3];
        var combined = zeros([batch, OutputWidth, height * width], dtype: layers[0].dtype, device: layers[0].device);
        using Scalar one = 1;
        for (int i = 0; i < layers.Count; i++)
        {
            var pooling = poolings[i];
            long layerHeight = layers[i].shape[2], layerWidth = layers[i].shape[3];
            var contribution = pooling.Apply(layers[i]);
            if (layerHeight != height || layerWidth != width)
            {
                // Bilinear resizing acts on each channel alone and pooling on each position alone, so pooling at the
                // layer's own grid and then resizing equals the official resize-then-pool, on fewer positions.
                var grid = contribution.reshape(batch, pooling.Columns.shape[0], layerHeight, layerWidth);
                contribution = interpolate(grid, [height, width], mode: InterpolationMode.Bilinear, align_corners: false)
                    .reshape(batch, pooling.Columns.shape[0], height * width);
            }
            combined.index_add_(1, pooling.Columns, contribution, one);
        }
        return combined.reshape(batch, OutputWidth, height, width).permute(0, 2, 3, 1).contiguous().MoveToOuterDisposeScope();
    }

    // Built once per channel counts and device; Predict may run on many threads at once.
    private readonly ConcurrentDictionary<string, Lazy<LayerPooling[]>> _poolingCache = new();

    private LayerPooling[] PoolingOf(long[] channels, Device device)
    {
        string key = string.Join(",", channels) + "@" + device;
        return _poolingCache.GetOrAdd(key, _ => new Lazy<LayerPooling[]>(() => PoolingWeights(channels, device))).Value;
    }

    /// <summary>
    /// The official chain of adaptive average poolings (each layer's C*k*k vector to the layer width, the stacked
    /// layers to the output width) is one fixed linear map, found by pushing identity matrices through the same
    /// poolings in float64. Per layer: the output columns it reaches, and its non-zero weights as (channel, window
    /// row, window column) terms, grouped by <see cref="LayerPooling"/> into box sums and shifted values.
    /// </summary>
    private LayerPooling[] PoolingWeights(long[] channels, Device device)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        int window = _patchSize * _patchSize;
        using Scalar zero = 0;
        var stackedToOutput = Pool(eye(channels.Length * _layerWidth, dtype: ScalarType.Float64), OutputWidth);
        var result = new LayerPooling[channels.Length];
        for (int i = 0; i < channels.Length; i++)
        {
            var layerToStacked = Pool(eye(channels[i] * window, dtype: ScalarType.Float64), _layerWidth);
            var composite = layerToStacked.matmul(stackedToOutput.narrow(0, i * _layerWidth, _layerWidth)); // rows x output
            var reached = composite.abs().sum(dim: 0).gt(zero).nonzero().reshape(-1);
            var perColumn = composite.index_select(1, reached); // unfold rows x reached columns
            var entries = perColumn.nonzero(); // (row, column) pairs
            var weights = perColumn.masked_select(perColumn.ne(zero)).data<double>().ToArray(); // in the order of nonzero()
            var pairs = entries.data<long>().ToArray();
            var terms = Enumerable.Range(0, weights.Length).Select(e => new PoolingTerm(
                Channel: pairs[2 * e] / window, WindowRow: (int)(pairs[2 * e] % window) / _patchSize,
                WindowColumn: (int)(pairs[2 * e] % window) % _patchSize, Column: pairs[2 * e + 1], Weight: weights[e]));
            result[i] = LayerPooling.FromTerms(reached.to(device).DetachFromDisposeScope(), terms, _patchSize, device);
        }
        return result;
    }

    /// <summary>How many channel-count and device combinations have their maps built and not yet freed.</summary>
    internal int CachedMapSets => _poolingCache.Count;

    /// <summary>Frees the cached maps; the aggregator must not be used afterwards.</summary>
    public void Dispose()
    {
        foreach (var poolings in _poolingCache.Values.Where(lazy => lazy.IsValueCreated))
            foreach (var pooling in poolings.Value)
                pooling.Dispose();
        _poolingCache.Clear();
    }

    // Rows of `identity` (n x n) pooled to `width` columns: the matrix of adaptive_avg_pool1d from n to width.
    private static Tensor Pool(Tensor identity, int width) =>
        adaptive_avg_pool1d(identity.unsqueeze(1), width).squeeze(1);
}
