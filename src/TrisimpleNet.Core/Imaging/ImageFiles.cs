using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace TrisimpleNet.Imaging;

/// <summary>
/// Decodes image files defensively: PNG, JPEG, BMP, TIFF and GIF only; the header is read first and an image of more
/// than a pixel limit is refused before any pixel is decoded; only the first frame of a GIF or TIFF is decoded; EXIF
/// orientation is applied (JPEG, TIFF); PNG metadata is not read. Every failure is an <see cref="InvalidDataException"/> (or
/// <see cref="FileNotFoundException"/>) whose message names the file and what was expected.
/// </summary>
public static class ImageFiles
{
    /// <summary>The default of <see cref="TrisimpleNetOptions.MaxImagePixels"/>: 100 megapixels.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    private const string Expected = "expected a PNG, JPEG, BMP, TIFF or GIF image";

    // A configuration of our own: no WebP, TGA or PBM decoder (less code exposed to hostile files), and multi-frame
    // formats decode their first frame only, so that a file's frame count cannot multiply the memory it takes.
    private static readonly Configuration Decoding = CreateConfiguration();

    /// <summary>Decodes <paramref name="path"/> as 8-bit RGB (grayscale is expanded, alpha dropped, 16-bit scaled).</summary>
    /// <param name="path">The image file.</param>
    /// <param name="maxPixels">Files whose header declares more pixels (width x height) are refused undecoded.</param>
    public static Image<Rgb24> LoadRgb(string path, long maxPixels = DefaultMaxPixels) => Load<Rgb24>(path, maxPixels);

    /// <summary>Decodes <paramref name="path"/> as 8-bit luminance (for masks), with the same checks as <see cref="LoadRgb"/>.</summary>
    public static Image<L8> LoadGray(string path, long maxPixels = DefaultMaxPixels) => Load<L8>(path, maxPixels);

    /// <summary>The size of the decoded image (after EXIF orientation), read from the file's header alone.</summary>
    public static Size ReadSize(string path)
    {
        using var stream = OpenFile(path);
        return Identify($"Image file '{path}'", stream).Size;
    }

    /// <summary>
    /// Decodes encoded image bytes (a file's content, an upload, a camera frame) as 8-bit RGB with the same checks as
    /// <see cref="LoadRgb"/>; <paramref name="name"/> names the image in error messages.
    /// </summary>
    public static Image<Rgb24> DecodeRgb(string name, ReadOnlyMemory<byte> bytes, long maxPixels = DefaultMaxPixels)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Load<Rgb24>($"Image '{name}'", stream, maxPixels);
    }

    private static Image<TPixel> Load<TPixel>(string path, long maxPixels) where TPixel : unmanaged, IPixel<TPixel>
    {
        using var stream = OpenFile(path);
        return Load<TPixel>($"Image file '{path}'", stream, maxPixels);
    }

    // `image` describes the source in messages: "Image file 'a.png'" or "Image 'upload 3'".
    private static Image<TPixel> Load<TPixel>(string image, Stream stream, long maxPixels) where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, 1);
        var (size, format) = Identify(image, stream);
        long pixels = (long)size.Width * size.Height;
        if (pixels > maxPixels)
            throw new InvalidDataException(
                $"{image} is {size.Width}x{size.Height} ({pixels:N0} pixels), more than the limit of {maxPixels:N0} " +
                $"({nameof(TrisimpleNetOptions)}.{nameof(TrisimpleNetOptions.MaxImagePixels)}); it was not decoded.");
        if (ImageEnd.IsMissing(stream, format))
            throw new InvalidDataException($"{image} is truncated: it has no {format.Name} end marker; {Expected}.");
        stream.Position = 0;
        var decoded = Decode(image, () => Image.Load<TPixel>(Decoding, stream));
        decoded.Mutate(x => x.AutoOrient());
        return decoded;
    }

    private static FileStream OpenFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Image file '{path}' does not exist.", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    /// <summary>Reads the header of a seekable <paramref name="stream"/>; returns the oriented size and the format.</summary>
    private static (Size Size, IImageFormat Format) Identify(string image, Stream stream)
    {
        if (stream.Length == 0)
            throw new InvalidDataException($"{image} is empty (0 bytes); {Expected}.");
        IImageFormat? format = null;
        var info = Decode(image, () => Image.Identify(Decoding, stream, out format))
            ?? throw new InvalidDataException($"{image} is not in a supported format; {Expected}.");
        if (info.Width < 1 || info.Height < 1)
            throw new InvalidDataException($"{image} declares a size of {info.Width}x{info.Height}; {Expected} of at least 1x1 pixel.");
        var size = SwapsSides(info.Metadata) ? new Size(info.Height, info.Width) : new Size(info.Width, info.Height);
        return (size, format!);
    }

    // A decoder is a parser of untrusted bytes: whatever it throws on a bad file (its own exceptions, and also
    // index, overflow or end-of-stream errors on crafted data) means "not a valid image". Failures of the
    // process (out of memory) and of the file system (other I/O errors) pass through unchanged.
    private static T Decode<T>(string image, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or InvalidDataException)
                                  && (e is not IOException || e is EndOfStreamException))
        {
            throw new InvalidDataException($"{image} could not be decoded ({Expected}): {e.Message}", e);
        }
    }

    // EXIF orientations 5 to 8 turn the image by 90 degrees (https://exiftool.org/TagNames/EXIF.html).
    private static bool SwapsSides(ImageMetadata metadata) =>
        metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value is >= 5 and <= 8;

    private static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(
            new PngConfigurationModule(),
            new JpegConfigurationModule(),
            new BmpConfigurationModule(),
            new TiffConfigurationModule(),
            new GifConfigurationModule());
        // PNG text chunks may be zlib-compressed (zTXt, iTXt) and would be inflated into strings with no bound: a
        // 1 MB chunk becomes 1 GB. The detector uses no PNG metadata (so a PNG's eXIf orientation is not applied).
        configuration.ImageFormatsManager.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        configuration.ImageFormatsManager.SetDecoder(TiffFormat.Instance, new TiffDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }
}
