using static TorchSharp.torch;

namespace TrisimpleNet.Features;

/// <summary>
/// Turns the backbone's layer maps into one feature vector per position of the first layer's grid
/// (each position aggregated over its neighbourhood, layers brought to one grid and one width).
/// </summary>
public interface IFeatureAggregator
{
    /// <summary>Width of each output feature.</summary>
    int OutputWidth { get; }

    /// <summary>Aggregates <paramref name="layers"/> (N x C_l x h_l x w_l, shallowest first).</summary>
    /// <returns>N x h x w x <see cref="OutputWidth"/>, where h x w is the first layer's grid.</returns>
    Tensor Aggregate(IReadOnlyList<Tensor> layers);
}
