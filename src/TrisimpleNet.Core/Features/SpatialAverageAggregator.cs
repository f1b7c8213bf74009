using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace TrisimpleNet.Features;

/// <summary>
/// The aggregation as the paper's text describes it: each layer averaged over its patch x patch neighbourhood
/// (zero padding counted, as average pooling does), deeper layers resized bilinearly to the first layer's grid,
/// the layers concatenated along channels and adaptively average-pooled to <c>outputWidth</c>.
/// </summary>
public sealed class SpatialAverageAggregator : IFeatureAggregator
{
    private readonly int _patchSize;

    /// <param name="patchSize">Neighbourhood side (odd).</param>
    /// <param name="outputWidth">Width of the combined feature.</param>
    public SpatialAverageAggregator(int patchSize, int outputWidth)
    {
        PatchSize.ThrowIfInvalid(patchSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputWidth, 1);
        _patchSize = patchSize;
        OutputWidth = outputWidth;
    }

    /// <inheritdoc />
    public int OutputWidth { get; }

    /// <inheritdoc />
    public Tensor Aggregate(IReadOnlyList<Tensor> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("At least one layer map is needed.", nameof(layers));
        using var scope = NewDisposeScope();
        long batch = layers[0].shape[0], height = layers[0].shape[2], width = layers[0].shape[3];
        var averaged = new Tensor[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            var smoothed = avg_pool2d(layers[i], _patchSize, stride: 1, padding: _patchSize / 2);
            averaged[i] = smoothed.shape[2] == height && smoothed.shape[3] == width
                ? smoothed
                : interpolate(smoothed, [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        }
        var concatenated = cat(averaged, dim: 1).permute(0, 2, 3, 1).reshape(batch * height * width, 1, -1);
        return adaptive_avg_pool1d(concatenated, OutputWidth)
            .reshape(batch, height, width, OutputWidth).MoveToOuterDisposeScope();
    }
}
