using SkiaSharp;

namespace TrisimpleNet.Samples;

/// <summary>Text on pictures: one sans-serif font for captions (black on white strips) and plots.</summary>
public static class PictureText
{
    /// <summary>Height of a caption strip in pixels.</summary>
    public const int StripHeight = 20;

    /// <summary>
    /// The first installed of a few common sans-serif families (Debian's fonts-dejavu-core first), else ScottPlot's
    /// choice; without it Skia on Linux falls back to whatever font it finds first, often a serif one.
    /// </summary>
    public static readonly string SansFamily =
        new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }.FirstOrDefault(IsInstalled) ?? ScottPlot.Fonts.Sans;

    private static readonly SKTypeface Typeface = SKTypeface.FromFamilyName(SansFamily) ?? SKTypeface.Default;

    /// <summary>Uses <see cref="SansFamily"/> for every text of <paramref name="plot"/>.</summary>
    public static void Style(ScottPlot.Plot plot)
    {
        plot.Font.Set(SansFamily);
        plot.Legend.FontName = SansFamily;
    }

    private static bool IsInstalled(string family)
    {
        using var typeface = SKTypeface.FromFamilyName(family);
        return typeface is not null && typeface.FamilyName == family;
    }

    /// <summary>Smallest size text is shrunk to before it is cut.</summary>
    public const float MinimumSize = 8;

    /// <summary>
    /// Draws <paramref name="text"/> left-aligned in the strip whose top is <paramref name="top"/>, at
    /// <paramref name="size"/> pixels, smaller (down to <see cref="MinimumSize"/>) where it is wider than
    /// <paramref name="maxWidth"/>, and cut only where it is wider still.
    /// </summary>
    public static void Draw(SKCanvas canvas, string text, float left, float top, float maxWidth, float size = 13)
    {
        using var font = new SKFont(Typeface, size);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        while (font.Size > MinimumSize && font.MeasureText(text) > maxWidth) font.Size = Math.Max(MinimumSize, font.Size - 0.5f);
        while (text.Length > 1 && font.MeasureText(text) > maxWidth) text = text[..^2] + "…";
        canvas.DrawText(text, left, top + StripHeight - 6, SKTextAlign.Left, font, paint);
    }
}
