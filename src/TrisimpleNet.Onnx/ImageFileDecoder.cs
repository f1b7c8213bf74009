using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace TrisimpleNet.Onnx;

/// <summary>
/// Decodes an image file as TrisimpleNet.Core's ImageFiles does in the two respects that change what is scored or
/// whether it is decoded at all: the header is read first and an image of more than the pixel limit is refused before
/// any pixel is decoded, and the EXIF orientation is applied (JPEG, TIFF; PNG metadata is not read, as in Core).
/// Failures name the file.
/// </summary>
internal static class ImageFileDecoder
{
    private static readonly Configuration Decoding = CreateConfiguration();

    /// <summary>The default pixel limit, as TrisimpleNet.Core's ImageFiles.DefaultMaxPixels: 100 megapixels.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>Decodes <paramref name="path"/> as 8-bit RGB, upright; files declaring more than <paramref name="maxPixels"/> pixels are refused undecoded.</summary>
    public static Image<Rgb24> LoadRgb(string path, long maxPixels)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Image file '{path}' does not exist.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            var info = Image.Identify(Decoding, stream)
                ?? throw new InvalidDataException($"Image file '{path}' is not in a format ImageSharp can decode.");
            long pixels = (long)info.Width * info.Height;
            if (pixels > maxPixels)
                throw new InvalidDataException(
                    $"Image file '{path}' is {info.Width}x{info.Height} ({pixels:N0} pixels), more than the limit of {maxPixels:N0} " +
                    $"({nameof(OnnxAnomalyDetector)}.{nameof(OnnxAnomalyDetector.MaxImagePixels)}, the exported detector's MaxImagePixels); it was not decoded.");
            stream.Position = 0;
            var image = Image.Load<Rgb24>(Decoding, stream);
            image.Mutate(context => context.AutoOrient());
            return image;
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw new InvalidDataException($"Image file '{path}' could not be decoded as an image: {e.Message}", e);
        }
    }

    // As Core: PNG text chunks may be compressed without bound, and Core applies no PNG eXIf orientation.
    private static Configuration CreateConfiguration()
    {
        var configuration = Configuration.Default.Clone();
        configuration.ImageFormatsManager.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        return configuration;
    }
}
