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
/// Decodes images from untrusted bytes with bounds: PNG, JPEG, BMP, TIFF and GIF only; the header is read first, and
/// an empty file, a declared size below 1x1 or above a pixel limit is refused before any pixel is decoded; a PNG or
/// JPEG without its end marker is refused as truncated (<see cref="ImageEnd"/>); only the first frame of a GIF or TIFF
/// is decoded; EXIF orientation is applied (JPEG, TIFF; PNG metadata is not read). Every failure is an
/// <see cref="InvalidDataException"/> naming the image and what was expected. Dependency-free beyond ImageSharp, so
/// that TrisimpleNet.Onnx compiles this source file (and ImageEnd's) without referencing TrisimpleNet.Core and libtorch.
/// </summary>
internal static class UntrustedImageDecoder
{
    /// <summary>What every refusal says was expected.</summary>
    public const string Expected = "expected a PNG, JPEG, BMP, TIFF or GIF image";

    // A configuration of our own: no WebP, TGA or PBM decoder (less code exposed to hostile files), and multi-frame
    // formats decode their first frame only, so that a file's frame count cannot multiply the memory it takes.
    private static readonly Configuration Decoding = CreateConfiguration();

    /// <summary>Opens <paramref name="path"/> for reading, or throws <see cref="FileNotFoundException"/> naming it.</summary>
    public static FileStream OpenFile(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Image file '{path}' does not exist.", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    /// <summary>
    /// Decodes the seekable <paramref name="stream"/>; <paramref name="image"/> describes it in messages ("Image file
    /// 'a.png'", "Image 'upload 3'") and <paramref name="limitName"/> names the setting that <paramref name="maxPixels"/> comes from.
    /// </summary>
    public static Image<TPixel> Load<TPixel>(string image, Stream stream, long maxPixels, string limitName)
        where TPixel : unmanaged, IPixel<TPixel>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, 1);
        var (size, format) = Identify(image, stream);
        long pixels = (long)size.Width * size.Height;
        if (pixels > maxPixels)
            throw new InvalidDataException(
                $"{image} is {size.Width}x{size.Height} ({pixels:N0} pixels), more than the limit of {maxPixels:N0} ({limitName}); it was not decoded.");
        if (ImageEnd.IsMissing(stream, format))
            throw new InvalidDataException($"{image} is truncated: it has no {format.Name} end marker; {Expected}.");
        stream.Position = 0;
        var decoded = Decode(image, () => Image.Load<TPixel>(Decoding, stream));
        decoded.Mutate(x => x.AutoOrient());
        return decoded;
    }

    /// <summary>Reads the header of a seekable <paramref name="stream"/>; returns the oriented size and the format.</summary>
    public static (Size Size, IImageFormat Format) Identify(string image, Stream stream)
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
