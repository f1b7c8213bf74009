namespace TrisimpleNet.Samples;

/// <summary>The map values drawn as the two ends of the colour map; one scale per category so pictures compare.</summary>
public sealed record HeatScale(float Low, float High)
{
    /// <summary>The range of every map value in <paramref name="images"/>, widened to hold <paramref name="threshold"/>.</summary>
    public static HeatScale Of(IReadOnlyList<ScoredImage> images, float threshold) =>
        Spanning(images.Min(image => image.Map.Min()), images.Max(image => image.Map.Max()), threshold);

    /// <summary>The range from <paramref name="lowestMapValue"/> to <paramref name="highestMapValue"/>, widened to hold <paramref name="threshold"/>.</summary>
    public static HeatScale Spanning(float lowestMapValue, float highestMapValue, float threshold) =>
        new(Math.Min(lowestMapValue, threshold), Math.Max(highestMapValue, threshold));

    /// <summary>The width of the range, never zero.</summary>
    public float Range => Math.Max(High - Low, 1e-12f);
}
