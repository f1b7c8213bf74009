using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TorchSharp;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Samples;

/// <summary>
/// Renders an anomaly map over the detector's view of an image: the resized and cropped input, the map in the
/// jet colour map blended over it, and the ground-truth mask's outline in white.
/// </summary>
public static class HeatmapOverlay
{
    private const float MapOpacity = 0.5f;

    /// <summary>
    /// The overlay at the map's resolution. Map values are scaled from [<paramref name="low"/>, <paramref name="high"/>]
    /// to the colour map; <paramref name="mask"/> (0/1, the map's size) is outlined when given.
    /// </summary>
    public static Image<Rgb24> Render(AnomalyDetector detector, ImageSource input, float[] map, float low, float high, byte[]? mask = null)
    {
        int height = detector.InputHeight, width = detector.InputWidth;
        var pixels = InputPixels(detector, input);
        var overlay = new Image<Rgb24>(width, height);
        float range = Math.Max(high - low, 1e-12f);
        overlay.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (int x = 0; x < width; x++)
                {
                    int index = y * width + x;
                    if (mask is not null && IsOutline(mask, x, y, width, height))
                    {
                        row[x] = new Rgb24(255, 255, 255);
                        continue;
                    }
                    var heat = ColourMap.Jet((map[index] - low) / range);
                    row[x] = new Rgb24(
                        Blend(pixels[3 * index], heat.R),
                        Blend(pixels[3 * index + 1], heat.G),
                        Blend(pixels[3 * index + 2], heat.B));
                }
            }
        });
        return overlay;
    }

    /// <summary>The input as the detector sees it (resized and cropped): H x W x 3 bytes.</summary>
    private static byte[] InputPixels(AnomalyDetector detector, ImageSource input)
    {
        using var scope = torch.NewDisposeScope();
        var chw = detector.Preprocessor.ToTensor([input])[0];
        return chw.permute(1, 2, 0).mul(255f).round().clamp(0, 255).to(torch.ScalarType.Byte).contiguous().data<byte>().ToArray();
    }

    private static byte Blend(byte image, byte heat) => (byte)Math.Round((1 - MapOpacity) * image + MapOpacity * heat);

    /// <summary>A mask pixel with a 4-neighbour outside the mask (or on the image border).</summary>
    private static bool IsOutline(byte[] mask, int x, int y, int width, int height)
    {
        if (mask[y * width + x] == 0) return false;
        return x == 0 || y == 0 || x == width - 1 || y == height - 1
            || mask[y * width + x - 1] == 0 || mask[y * width + x + 1] == 0
            || mask[(y - 1) * width + x] == 0 || mask[(y + 1) * width + x] == 0;
    }
}
