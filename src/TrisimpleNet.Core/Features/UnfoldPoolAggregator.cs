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
/// </summary>
public sealed class UnfoldPoolAggregator : IFeatureAggregator
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
        var weights = PoolingWeights(layers.Select(l => l.shape[1] * _patchSize * _patchSize).ToArray(), layers[0].device);
        long batch = layers[0].shape[0], height = layers[0].shape[2], width = layers[0].shape[3];
        var combined = zeros([batch, OutputWidth, height * width], dtype: layers[0].dtype, device: layers[0].device);
        for (int i = 0; i < layers.Count; i++)
        {
            var (columns, rows, rowWeights) = weights[i];
            long layerHeight = layers[i].shape[2], layerWidth = layers[i].shape[3];
            // N x (C*k*k) x positions, rows ordered channel-major then window, as torch.nn.Unfold.
            var patches = unfold(layers[i], _patchSize, padding: _patchSize / 2);
            // Each output column is a weighted sum of a few consecutive patch rows: gather and add them.
            var contribution = patches.index_select(1, rows[0]).mul_(rowWeights[0]);
            for (int k = 1; k < rows.Length; k++)
                contribution.add_(patches.index_select(1, rows[k]).mul_(rowWeights[k]));
            if (layerHeight != height || layerWidth != width)
            {
                // Bilinear resizing acts on each channel alone and pooling on each position alone, so pooling at the
                // layer's own grid and then resizing equals the official resize-then-pool, on fewer positions.
                var grid = contribution.reshape(batch, columns.shape[0], layerHeight, layerWidth);
                contribution = interpolate(grid, [height, width], mode: InterpolationMode.Bilinear, align_corners: false)
                    .reshape(batch, columns.shape[0], height * width);
            }
            combined.index_add_(1, columns, contribution, 1);
        }
        return combined.reshape(batch, OutputWidth, height, width).permute(0, 2, 3, 1).contiguous().MoveToOuterDisposeScope();
    }

    private readonly Dictionary<string, LayerPooling[]> _poolingCache = [];

    /// <summary>
    /// The official chain of adaptive average poolings (each layer's C*k*k vector to the layer width, the stacked
    /// layers to the output width) is one fixed linear map. Per layer: the output columns it reaches, and for each
    /// column K (row index, weight) pairs, found by pushing identity matrices through the same poolings in float64.
    /// </summary>
    private LayerPooling[] PoolingWeights(long[] patchLengths, Device device)
    {
        string key = string.Join(",", patchLengths) + "@" + device;
        if (_poolingCache.TryGetValue(key, out var cached)) return cached;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var stackedToOutput = Pool(eye(patchLengths.Length * _layerWidth, dtype: ScalarType.Float64), OutputWidth);
        var result = new LayerPooling[patchLengths.Length];
        for (int i = 0; i < patchLengths.Length; i++)
        {
            var layerToStacked = Pool(eye(patchLengths[i], dtype: ScalarType.Float64), _layerWidth);
            var composite = layerToStacked.matmul(stackedToOutput.narrow(0, i * _layerWidth, _layerWidth)); // rows x output
            var reached = composite.abs().sum(dim: 0).gt(0).nonzero().reshape(-1);
            var perColumn = composite.index_select(1, reached); // rows x reached columns
            long terms = perColumn.gt(0).sum(dim: 0).max().item<long>();
            // The K largest weights of each column: every non-zero when K is the largest count, zeros padding the rest.
            var (topWeights, topRows) = perColumn.topk((int)terms, dim: 0);
            result[i] = new LayerPooling(
                reached.to(device).DetachFromDisposeScope(),
                Enumerable.Range(0, (int)terms).Select(k => topRows[k].to(device).DetachFromDisposeScope()).ToArray(),
                Enumerable.Range(0, (int)terms).Select(k => topWeights[k].to(ScalarType.Float32).reshape(1, -1, 1).to(device).DetachFromDisposeScope()).ToArray());
        }
        _poolingCache[key] = result;
        return result;
    }

    // Rows of `identity` (n x n) pooled to `width` columns: the matrix of adaptive_avg_pool1d from n to width.
    private static Tensor Pool(Tensor identity, int width) =>
        adaptive_avg_pool1d(identity.unsqueeze(1), width).squeeze(1);

    private sealed record LayerPooling(Tensor Columns, Tensor[] Rows, Tensor[] Weights);
}
