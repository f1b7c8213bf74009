namespace TrisimpleNet.Samples;

/// <summary>The map values drawn as the two ends of the colour map; one scale per category so pictures compare.</summary>
public sealed record HeatScale(float Low, float High)
{
    /// <summary>The range of every map value in <paramref name="images"/>, widened to hold <paramref name="threshold"/>.</summary>
    public static HeatScale Of(IReadOnlyList<ScoredImage> images, float threshold)
    {
        float low = images.Min(image => image.Map.Min()), high = images.Max(image => image.Map.Max());
        return new HeatScale(Math.Min(low, threshold), Math.Max(high, threshold));
    }

    /// <summary>The width of the range, never zero.</summary>
    public float Range => Math.Max(High - Low, 1e-12f);
}
