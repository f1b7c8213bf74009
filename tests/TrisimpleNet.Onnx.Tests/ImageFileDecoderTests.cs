using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>TrisimpleNet.Onnx decodes image files as TrisimpleNet.Core's ImageFiles does: pixel limit first, EXIF orientation applied.</summary>
public sealed class ImageFileDecoderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-onnx-decoder-").FullName;

    [Fact]
    public void AFileOverThePixelLimitIsRefusedNamingTheFileAndTheLimit()
    {
        var path = WriteGradient("large.png", 40, 30, orientation: null);

        var error = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.LoadRgb(path, maxPixels: 1199));

        Assert.Contains(path, error.Message);
        Assert.Contains("40x30 (1,200 pixels), more than the limit of 1,199", error.Message);
    }

    [Fact]
    public void AFileAtThePixelLimitIsDecoded()
    {
        var path = WriteGradient("exact.png", 40, 30, orientation: null);

        using var image = ImageFileDecoder.LoadRgb(path, maxPixels: 1200);

        Assert.Equal((40, 30), (image.Width, image.Height));
    }

    [Theory]
    [InlineData(3)]   // turned by 180 degrees
    [InlineData(6)]   // turned by 90 degrees: width and height swap
    [InlineData(8)]
    public void AJpegIsTurnedUprightByItsExifOrientationAsByCore(ushort orientation)
    {
        var path = WriteGradient($"oriented-{orientation}.jpg", 40, 24, orientation);

        using var expected = ImageFiles.LoadRgb(path);
        using var actual = ImageFileDecoder.LoadRgb(path, ImageFileDecoder.DefaultMaxPixels);

        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        Assert.Equal(Pixels(expected), Pixels(actual));
    }

    [Fact]
    public void TheDefaultLimitIsCoresDefault() => Assert.Equal(ImageFiles.DefaultMaxPixels, ImageFileDecoder.DefaultMaxPixels);

    private string WriteGradient(string name, int width, int height, ushort? orientation)
    {
        using var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 6), (byte)(y * 10), 128);
        if (orientation is ushort value)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, value);
        }
        var path = Path.Combine(_folder, name);
        image.Save(path);
        return path;
    }

    private static Rgb24[] Pixels(Image<Rgb24> image)
    {
        var pixels = new Rgb24[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
