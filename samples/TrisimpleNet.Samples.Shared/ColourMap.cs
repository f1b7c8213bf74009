using static TorchSharp.torch;

namespace TrisimpleNet.Samples;

/// <summary>The "jet" colour map: blue for 0 through cyan, yellow to red for 1.</summary>
public static class ColourMap
{
    /// <summary>The colours of <paramref name="values"/> (clamped to [0, 1]): a tensor of their shape plus a last dimension of 3 RGB values in [0, 1].</summary>
    public static Tensor Jet(Tensor values)
    {
        var v = values.clamp(0f, 1f).unsqueeze(-1);
        var offsets = tensor(new[] { 0.75f, 0.5f, 0.25f }, device: values.device);
        // Each channel is a trapezoid of height 1 centred on its offset: 1 within +-0.125, falling to 0 at +-0.375.
        return (1.5f - 4f * (v - offsets).abs()).clamp(0f, 1f);
    }
}
