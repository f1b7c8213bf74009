using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Samples;

/// <summary>The "jet" colour map: blue for 0 through cyan, yellow to red for 1.</summary>
public static class ColourMap
{
    /// <summary>The colour of <paramref name="value"/>, clamped to [0, 1].</summary>
    public static Rgb24 Jet(float value)
    {
        float v = Math.Clamp(value, 0f, 1f);
        return new Rgb24(Channel(v - 0.75f), Channel(v - 0.5f), Channel(v - 0.25f));
    }

    // Each channel is a trapezoid of height 1 centred on its offset: 1 within +-0.125, falling to 0 at +-0.375.
    private static byte Channel(float offset) => (byte)(255 * Math.Clamp(1.5f - 4 * Math.Abs(offset), 0f, 1f));
}
