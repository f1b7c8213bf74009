using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Imaging;

/// <summary>Decodes image files with errors that name the file.</summary>
public static class ImageFiles
{
    /// <summary>Decodes <paramref name="path"/> as 8-bit RGB (grayscale is expanded, alpha dropped, 16-bit scaled).</summary>
    public static Image<Rgb24> LoadRgb(string path) => Load<Rgb24>(path);

    /// <summary>Decodes <paramref name="path"/> as 8-bit luminance (for masks).</summary>
    public static Image<L8> LoadGray(string path) => Load<L8>(path);

    private static Image<TPixel> Load<TPixel>(string path) where TPixel : unmanaged, IPixel<TPixel>
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Image file '{path}' does not exist.", path);
        try
        {
            return Image.Load<TPixel>(path);
        }
        catch (Exception e) when (e is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw new InvalidDataException($"Image file '{path}' could not be decoded as an image: {e.Message}", e);
        }
    }
}
