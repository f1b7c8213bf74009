using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Onnx;

/// <summary>
/// Decodes the image files <see cref="OnnxAnomalyDetector"/> scores with the checks of TrisimpleNet.Core's ImageFiles
/// (<see cref="UntrustedImageDecoder"/>): supported formats only, the pixel limit before decoding, truncated PNG and
/// JPEG refused, first frame of a GIF or TIFF, EXIF orientation applied. Failures name the file.
/// </summary>
internal static class ImageFileDecoder
{
    /// <summary>The default pixel limit, as TrisimpleNet.Core's ImageFiles.DefaultMaxPixels: 100 megapixels.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    private const string LimitName =
        $"{nameof(OnnxAnomalyDetector)}.{nameof(OnnxAnomalyDetector.MaxImagePixels)}, the exported detector's MaxImagePixels";

    /// <summary>Decodes <paramref name="path"/> as 8-bit RGB, upright; files declaring more than <paramref name="maxPixels"/> pixels are refused undecoded.</summary>
    public static Image<Rgb24> LoadRgb(string path, long maxPixels)
    {
        using var stream = UntrustedImageDecoder.OpenFile(path);
        return UntrustedImageDecoder.Load<Rgb24>($"Image file '{path}'", stream, maxPixels, LimitName);
    }
}
