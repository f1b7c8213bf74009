using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Imaging;

/// <summary>
/// An image that is decoded only when needed, so that datasets of thousands of images are streamed rather than held.
/// </summary>
public sealed class ImageSource
{
    /// <summary>The file extensions <see cref="FromFolder"/> reads, those of the formats <see cref="ImageFiles"/> decodes, matched in any case.</summary>
    public static readonly IReadOnlySet<string> FileExtensions =
        new HashSet<string>([".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".gif"], StringComparer.OrdinalIgnoreCase);

    private readonly Func<long, Image<Rgb24>> _open;

    private ImageSource(string name, Func<long, Image<Rgb24>> open)
    {
        Name = name;
        _open = open;
    }

    /// <summary>A name for reports: the file path, or a caller-chosen identifier.</summary>
    public string Name { get; }

    /// <summary>
    /// An image file decoded as RGB: PNG, JPEG, BMP, TIFF (first page) or GIF (first frame); 8 or 16 bit; grayscale,
    /// palette, RGB or RGBA; EXIF orientation applied. See <see cref="ImageFiles"/> for what is refused.
    /// </summary>
    public static ImageSource FromFile(string path) => new(path, maxPixels => ImageFiles.LoadRgb(path, maxPixels));

    /// <summary>
    /// Encoded image bytes (an upload, a camera frame, a file read elsewhere), decoded with the same formats and checks
    /// as <see cref="FromFile"/>; <paramref name="name"/> names the image in reports and error messages. The bytes are
    /// not copied: do not change them while the source is in use.
    /// </summary>
    public static ImageSource FromBytes(string name, ReadOnlyMemory<byte> bytes) =>
        new(name, maxPixels => ImageFiles.DecodeRgb(name, bytes, maxPixels));

    /// <summary>
    /// The rest of <paramref name="stream"/>, read now into memory (a stream may be read only once), then as
    /// <see cref="FromBytes"/>. The caller keeps ownership of the stream.
    /// </summary>
    public static ImageSource FromStream(string name, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return FromBytes(name, copy.ToArray());
    }

    /// <summary>As <see cref="FromStream"/>, reading the stream asynchronously.</summary>
    public static async Task<ImageSource> FromStreamAsync(string name, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        return FromBytes(name, copy.ToArray());
    }

    /// <summary>
    /// The image files in <paramref name="folder"/> (by extension: <see cref="FileExtensions"/>), sorted ordinally by path, each decoded only when scored (<see cref="FromFile"/>); other files are skipped.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<ImageSource> FromFolder(string folder, SearchOption searchOption = SearchOption.TopDirectoryOnly)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Image folder '{folder}' does not exist.");
        return Directory.EnumerateFiles(folder, "*", searchOption)
            .Where(path => FileExtensions.Contains(Path.GetExtension(path)))
            .Order(StringComparer.Ordinal)
            .Select(FromFile)
            .ToArray();
    }

    /// <summary>An image made by the caller's code; <paramref name="open"/> returns a new image the caller of <see cref="Open"/> disposes.</summary>
    public static ImageSource FromFactory(string name, Func<Image<Rgb24>> open) => new(name, _ => open());

    /// <summary>An image already in memory; each <see cref="Open"/> returns a copy converted to RGB.</summary>
    public static ImageSource FromImage(string name, Image image) => new(name, _ => image.CloneAs<Rgb24>());

    /// <summary>
    /// Decodes the image. The caller disposes it. A file whose header declares more than <paramref name="maxPixels"/>
    /// pixels is refused undecoded (<see cref="ImageFiles"/>); images from a factory or from memory are already decoded.
    /// </summary>
    public Image<Rgb24> Open(long maxPixels = ImageFiles.DefaultMaxPixels) => _open(maxPixels);

    /// <inheritdoc />
    public override string ToString() => Name;
}
