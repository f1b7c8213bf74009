using TorchSharp;
using TrisimpleNet.Features;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;
using static TrisimpleNet.Export.OnnxGraphBuilder;

namespace TrisimpleNet.Export;

/// <summary>
/// The built-in aggregators as ONNX nodes. Both are linear and act on each layer through a patch x patch
/// neighbourhood with zero padding, followed by maps over channels only (adaptive average poolings), so each layer's
/// part is one patch x patch convolution with fixed weights; deeper layers are then resized bilinearly to the first
/// layer's grid (resizing acts on each channel alone, so it commutes with the channel maps). The weights are read off
/// the aggregator itself by feeding it one-hot neighbourhoods, and checked against it on random maps.
/// </summary>
internal static class OnnxAggregationExport
{
    private const int ImpulsesPerCall = 128;

    /// <summary>
    /// Adds the aggregation of <paramref name="layers"/>. Returns the features (N x columns.Length x h x w) and, per
    /// output channel, the feature index it contributes to: each layer gives only the feature indices it reaches, and
    /// an index reached from two layers appears twice (the following linear map adds both contributions).
    /// </summary>
    public static (string Features, long[] Columns) Add(OnnxGraphBuilder graph, IFeatureAggregator aggregator,
        IReadOnlyList<int> channels, int patchSize, string[] layers)
    {
        if (aggregator is not (UnfoldPoolAggregator or SpatialAverageAggregator))
            throw new NotSupportedException(
                $"ONNX export supports the built-in aggregators; the feature aggregator '{aggregator.GetType().FullName}' is a custom part.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var kernels = Kernels(aggregator, channels, patchSize);
        using Scalar zero = 0;
        ThrowIfNotReproduced(aggregator, kernels, channels, patchSize);

        var gridSize = graph.Node("Shape", "aggregate/grid_size", [layers[0]], Int("start", 2), Int("end", 4));
        var parts = new List<string>();
        var columns = new List<long>();
        for (int i = 0; i < layers.Length; i++)
        {
            var reached = kernels[i].abs().sum([1, 2, 3]).gt(zero).nonzero().reshape(-1);
            var part = graph.Node("Conv", $"aggregate/layer{i}", [layers[i], graph.Constant($"aggregate/layer{i}.weight", kernels[i].index_select(0, reached))],
                Ints("kernel_shape", patchSize, patchSize), Ints("pads", patchSize / 2, patchSize / 2, patchSize / 2, patchSize / 2));
            if (i > 0)
                part = graph.Node("Resize", $"aggregate/layer{i}/resized", [part, "", "", gridSize],
                    String("mode", "linear"), String("coordinate_transformation_mode", "half_pixel"), Ints("axes", 2, 3));
            parts.Add(part);
            columns.AddRange(reached.data<long>().ToArray());
        }
        return (graph.Node("Concat", "aggregate", parts, Int("axis", 1)), columns.ToArray());
    }

    /// <summary>
    /// Per layer, the convolution weight (output width x C x patch x patch), read off the aggregator's response to
    /// impulses: one batch element per (layer, channel), a single 1 at the centre of (2 patch - 1)-wide maps, all else
    /// zero. The output at offset (dy, dx) from the centre sees the impulse at window position -(dy, dx).
    /// </summary>
    private static Tensor[] Kernels(IFeatureAggregator aggregator, IReadOnlyList<int> channels, int patchSize)
    {
        int side = 2 * patchSize - 1, centre = patchSize - 1, radius = patchSize / 2;
        var impulses = channels.SelectMany((c, layer) => Enumerable.Range(0, c).Select(channel => (layer, channel))).ToArray();
        var responses = new List<Tensor>();
        using Scalar impulse = 1f;
        foreach (var chunk in impulses.Chunk(ImpulsesPerCall))
        {
            var layers = channels.Select((c, layer) =>
            {
                var batch = Enumerable.Range(0, chunk.Length).Where(b => chunk[b].layer == layer).ToArray();
                var positions = batch.Select(b => (long)chunk[b].channel * side * side + centre * side + centre).ToArray();
                return zeros(chunk.Length, (long)c * side * side)
                    .index_put_(impulse, tensor(batch.Select(b => (long)b).ToArray()), tensor(positions))
                    .reshape(chunk.Length, c, side, side);
            }).ToArray();
            var window = aggregator.Aggregate(layers)[.., (centre - radius)..(centre + radius + 1), (centre - radius)..(centre + radius + 1), ..];
            responses.Add(window.flip(1, 2));
        }
        var all = cat(responses, 0); // impulses x patch x patch x output width
        var kernels = new Tensor[channels.Count];
        for (int i = 0, first = 0; i < channels.Count; first += channels[i], i++)
            kernels[i] = all.narrow(0, first, channels[i]).permute(3, 0, 1, 2).contiguous();
        return kernels;
    }

    // Convolutions, resizing and summing must give what the aggregator gives, or the export would compute something else.
    private static void ThrowIfNotReproduced(IFeatureAggregator aggregator, Tensor[] kernels, IReadOnlyList<int> channels, int patchSize)
    {
        using var generator = new Generator(7);
        var layers = channels.Select((c, i) => randn([2, c, i == 0 ? 8 : 4, i == 0 ? 8 : 4], generator: generator)).ToArray();
        var expected = aggregator.Aggregate(layers).permute(0, 3, 1, 2);
        var actual = zeros_like(expected);
        using Scalar one = 1;
        for (int i = 0; i < layers.Length; i++)
        {
            var part = conv2d(layers[i], kernels[i], padding: [patchSize / 2, patchSize / 2]);
            actual.add_(interpolate(part, [8, 8], mode: InterpolationMode.Bilinear, align_corners: false), one);
        }
        if (!actual.allclose(expected, rtol: 1e-4, atol: 1e-5))
            throw new NotSupportedException(
                $"ONNX export could not reproduce the feature aggregator '{aggregator.GetType().Name}' as {patchSize} x {patchSize} " +
                $"convolutions ({nameof(TrisimpleNetOptions.PatchSize)} {patchSize}): was it built with another patch size than the options say?");
    }
}
