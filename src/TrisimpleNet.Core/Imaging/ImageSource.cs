using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Imaging;

/// <summary>
/// An image that is decoded only when needed, so that datasets of thousands of images are streamed rather than held.
/// </summary>
public sealed class ImageSource
{
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
