using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Imaging;

/// <summary>
/// Decodes image files defensively: PNG, JPEG, BMP, TIFF and GIF only; the header is read first and an image of more
/// than a pixel limit is refused before any pixel is decoded; only the first frame of a GIF or TIFF is decoded; EXIF
/// orientation is applied (JPEG, TIFF); PNG metadata is not read. Every failure is an <see cref="InvalidDataException"/> (or
/// <see cref="FileNotFoundException"/>) whose message names the file and what was expected. The decoding itself is
/// <see cref="UntrustedImageDecoder"/>, shared with TrisimpleNet.Onnx.
/// </summary>
public static class ImageFiles
{
    /// <summary>The default of <see cref="TrisimpleNetOptions.MaxImagePixels"/>: 100 megapixels.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    private const string LimitName = $"{nameof(TrisimpleNetOptions)}.{nameof(TrisimpleNetOptions.MaxImagePixels)}";

    /// <summary>Decodes <paramref name="path"/> as 8-bit RGB (grayscale is expanded, alpha dropped, 16-bit scaled).</summary>
    /// <param name="path">The image file.</param>
    /// <param name="maxPixels">Files whose header declares more pixels (width x height) are refused undecoded.</param>
    public static Image<Rgb24> LoadRgb(string path, long maxPixels = DefaultMaxPixels) => Load<Rgb24>(path, maxPixels);

    /// <summary>Decodes <paramref name="path"/> as 8-bit luminance (for masks), with the same checks as <see cref="LoadRgb"/>.</summary>
    public static Image<L8> LoadGray(string path, long maxPixels = DefaultMaxPixels) => Load<L8>(path, maxPixels);

    /// <summary>The size of the decoded image (after EXIF orientation), read from the file's header alone.</summary>
    public static Size ReadSize(string path)
    {
        using var stream = UntrustedImageDecoder.OpenFile(path);
        return UntrustedImageDecoder.Identify($"Image file '{path}'", stream).Size;
    }

    /// <summary>
    /// Decodes encoded image bytes (a file's content, an upload, a camera frame) as 8-bit RGB with the same checks as
    /// <see cref="LoadRgb"/>; <paramref name="name"/> names the image in error messages.
    /// </summary>
    public static Image<Rgb24> DecodeRgb(string name, ReadOnlyMemory<byte> bytes, long maxPixels = DefaultMaxPixels)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return UntrustedImageDecoder.Load<Rgb24>($"Image '{name}'", stream, maxPixels, LimitName);
    }

    private static Image<TPixel> Load<TPixel>(string path, long maxPixels) where TPixel : unmanaged, IPixel<TPixel>
    {
        using var stream = UntrustedImageDecoder.OpenFile(path);
        return UntrustedImageDecoder.Load<TPixel>($"Image file '{path}'", stream, maxPixels, LimitName);
    }
}
