using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;
using TrisimpleNet.Features;

namespace TrisimpleNet.Core.Tests.Parts;

/// <summary>Test oracle: the official SimpleNet aggregation transcribed step by step (unfold, resize the unfolded grid, pool per position).</summary>
internal sealed class OfficialUnfoldPoolReference : IFeatureAggregator
{
    private readonly int _patchSize;
    private readonly int _layerWidth;

    public OfficialUnfoldPoolReference(int patchSize, int layerWidth, int outputWidth) =>
        (_patchSize, _layerWidth, OutputWidth) = (patchSize, layerWidth, outputWidth);

    public int OutputWidth { get; }

    public Tensor Aggregate(IReadOnlyList<Tensor> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("At least one layer map is needed.", nameof(layers));
        using var scope = NewDisposeScope();
        long batch = layers[0].shape[0], height = layers[0].shape[2], width = layers[0].shape[3];
        var pooled = new Tensor[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            long channels = layers[i].shape[1], layerHeight = layers[i].shape[2], layerWidth = layers[i].shape[3];
            // N x (C*k*k) x (h_l*w_l), rows ordered channel-major then window, as torch.nn.Unfold.
            var patches = unfold(layers[i], _patchSize, padding: _patchSize / 2);
            if (layerHeight != height || layerWidth != width)
            {
                var grid = patches.reshape(batch * channels * _patchSize * _patchSize, 1, layerHeight, layerWidth);
                patches = interpolate(grid, [height, width], mode: InterpolationMode.Bilinear, align_corners: false)
                    .reshape(batch, channels * _patchSize * _patchSize, height * width);
            }
            var perPosition = patches.permute(0, 2, 1).reshape(batch * height * width, 1, -1);
            pooled[i] = adaptive_avg_pool1d(perPosition, _layerWidth);
        }
        var stacked = cat(pooled, dim: 2);
        var combined = adaptive_avg_pool1d(stacked, OutputWidth);
        return combined.reshape(batch, height, width, OutputWidth).MoveToOuterDisposeScope();
    }
}
