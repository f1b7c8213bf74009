using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Imaging;

/// <summary>
/// An image that is decoded only when needed, so that datasets of thousands of images are streamed rather than held.
/// </summary>
public sealed class ImageSource
{
    private readonly Func<Image<Rgb24>> _open;

    private ImageSource(string name, Func<Image<Rgb24>> open)
    {
        Name = name;
        _open = open;
    }

    /// <summary>A name for reports: the file path, or a caller-chosen identifier.</summary>
    public string Name { get; }

    /// <summary>An image file (png, jpg, bmp, tif, ...; 8 or 16 bit; grayscale, RGB or RGBA), decoded as RGB.</summary>
    public static ImageSource FromFile(string path) => new(path, () => ImageFiles.LoadRgb(path));

    /// <summary>An image made by the caller's code; <paramref name="open"/> returns a new image the caller of <see cref="Open"/> disposes.</summary>
    public static ImageSource FromFactory(string name, Func<Image<Rgb24>> open) => new(name, open);

    /// <summary>An image already in memory; each <see cref="Open"/> returns a copy converted to RGB.</summary>
    public static ImageSource FromImage(string name, Image image) => new(name, () => image.CloneAs<Rgb24>());

    /// <summary>Decodes the image. The caller disposes it.</summary>
    public Image<Rgb24> Open() => _open();

    /// <inheritdoc />
    public override string ToString() => Name;
}
