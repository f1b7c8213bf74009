using SkiaSharp;
using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Samples;

/// <summary>Saves pictures as PNG files atomically.</summary>
public static class PngFile
{
    /// <summary>Encodes <paramref name="image"/> as PNG and writes it to <paramref name="path"/> (a temporary file, then a rename).</summary>
    public static void Save(SKImage image, string path)
    {
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, stream => data.SaveTo(stream));
    }

    /// <summary>Draws a <paramref name="width"/> x <paramref name="height"/> picture on a white canvas and saves it to <paramref name="path"/>.</summary>
    public static void Draw(string path, int width, int height, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        surface.Canvas.Clear(SKColors.White);
        draw(surface.Canvas);
        using var image = surface.Snapshot();
        Save(image, path);
    }
}
