using System.IO.Compression;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>Unusual but valid image files decode to what they show; the pixel limit is checked before decoding.</summary>
public sealed class ImageDecodingTests(TinyDetectorFixture fixture) : IClassFixture<TinyDetectorFixture>
{
    private static readonly Rgb24 Red = new(255, 0, 0);
    private static readonly Rgb24 Blue = new(0, 0, 255);

    [Fact]
    public void GifUsesItsFirstFrame()
    {
        var path = fixture.PathFor("two-frames.gif");
        File.WriteAllBytes(path, CraftedGif.Frames(8, 8, Red, Blue));
        using (var allFrames = Image.Load<Rgb24>(path))
            Assert.Equal((2, Blue), (allFrames.Frames.Count, allFrames.Frames[1][4, 4]));

        using var decoded = ImageFiles.LoadRgb(path);

        Assert.Equal(1, decoded.Frames.Count);
        Assert.Equal(Red, decoded[4, 4]);
    }

    [Fact]
    public void TiffUsesItsFirstPage()
    {
        var path = fixture.PathFor("two-pages.tif");
        File.WriteAllBytes(path, CraftedTiff.Pages(8, 8, Red, Blue));
        using (var allPages = Image.Load<Rgb24>(path))
            Assert.Equal((2, Blue), (allPages.Frames.Count, allPages.Frames[1][4, 4]));

        using var decoded = ImageFiles.LoadRgb(path);

        Assert.Equal(1, decoded.Frames.Count);
        Assert.Equal(Red, decoded[4, 4]);
    }

    [Fact]
    public void SixteenBitRgbPngIsScaledTo8Bit()
    {
        var path = fixture.PathFor("rgb48.png");
        using (var image = new Image<Rgb48>(8, 6, new Rgb48(65535, 32896, 0)))
            image.SaveAsPng(path, new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Rgb });

        using var decoded = ImageFiles.LoadRgb(path);

        Assert.Equal(new Rgb24(255, 128, 0), decoded[3, 3]);
    }

    [Fact]
    public void PalettePngDecodesToItsColours()
    {
        var path = fixture.PathFor("palette.png");
        using (var image = new Image<Rgb24>(8, 6, Red))
        {
            image[0, 0] = Blue;
            image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Palette });
        }

        using var decoded = ImageFiles.LoadRgb(path);

        Assert.Equal((Blue, Red), (decoded[0, 0], decoded[5, 5]));
    }

    [Fact]
    public void GrayscalePngIsExpandedToThreeEqualChannels()
    {
        var path = fixture.PathFor("gray.png");
        using (var image = new Image<L8>(8, 6, new L8(77)))
            image.SaveAsPng(path, new PngEncoder { ColorType = PngColorType.Grayscale });

        using var decoded = ImageFiles.LoadRgb(path);

        Assert.Equal(new Rgb24(77, 77, 77), decoded[2, 2]);
    }

    [Fact]
    public void ExifRotatedJpegIsTurnedUpright()
    {
        // Stored 32 wide and 16 high, left half red, right half blue; EXIF orientation 6 means "rotate 90 degrees
        // clockwise to display": upright it is 16 wide and 32 high, red on top.
        var path = fixture.PathFor("rotated.jpg");
        using (var stored = new Image<Rgb24>(32, 16, Blue))
        {
            for (int y = 0; y < 16; y++)
                for (int x = 0; x < 16; x++)
                    stored[x, y] = Red;
            stored.Metadata.ExifProfile = new ExifProfile();
            stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
            stored.SaveAsJpeg(path, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 100 });
        }

        using var decoded = ImageFiles.LoadRgb(path);

        Assert.Equal((16, 32), (decoded.Width, decoded.Height));
        Assert.Equal(new Size(16, 32), ImageFiles.ReadSize(path));
        AssertClose(Red, decoded[8, 4]);
        AssertClose(Blue, decoded[8, 27]);
    }

    [Fact]
    public void CompressedPngTextIsNotInflated()
    {
        // A zTXt chunk: keyword, NUL, compression method 0, then 100 MB of zeros zlib-compressed to about 100 KB.
        using var text = new MemoryStream();
        text.Write("Comment\0\0"u8);
        using (var zlib = new ZLibStream(text, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (int megabyte = 0; megabyte < 100; megabyte++) zlib.Write(zeros);
        }
        using var png = new MemoryStream();
        using (var image = new Image<Rgb24>(8, 8, Red))
            image.SaveAsPng(png);
        var path = fixture.PathFor("text-bomb.png");
        File.WriteAllBytes(path, CraftedPng.WithChunkAfterHeader(png.ToArray(), "zTXt", text.ToArray()));

        long before = GC.GetAllocatedBytesForCurrentThread();
        using var decoded = ImageFiles.LoadRgb(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Red, decoded[4, 4]);
        Assert.True(allocated < 10_000_000, $"{allocated:N0} bytes allocated; the text alone would take 200,000,000");
    }

    [Fact]
    public void OnePixelImageIsScored()
    {
        var path = fixture.PathFor("one-pixel.png");
        using (var image = new Image<Rgb24>(1, 1, new Rgb24(120, 120, 120)))
            image.SaveAsPng(path);

        var prediction = fixture.Detector.Predict(path);

        Assert.True(float.IsFinite(prediction.Score));
        Assert.Equal(64 * 64, prediction.Map.Length);
    }

    [Fact]
    public void ImageFarLargerThanTheInputIsScored()
    {
        var path = fixture.PathFor("large.png");
        using (var image = TinyDetectorFixture.Noise(4000, 3000, seed: 4))
            image.SaveAsPng(path, new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed });

        var prediction = fixture.Detector.Predict(path);

        Assert.True(float.IsFinite(prediction.Score));
    }

    [Fact]
    public void ImageAboveTheOptionsPixelLimitIsRefused()
    {
        var path = fixture.PathFor("twelve-pixels.png");
        using (var image = new Image<Rgb24>(4, 3))
            image.SaveAsPng(path);
        var preprocessor = ImagePreprocessor.ResizeWhole(32, 32, maxImagePixels: 11);

        var error = Assert.Throws<InvalidDataException>(() => preprocessor.ToTensor([ImageSource.FromFile(path)]));

        Assert.Contains(path, error.Message);
        Assert.Contains("4x3 (12 pixels), more than the limit of 11", error.Message);
    }

    [Fact]
    public void ImageAtThePixelLimitIsDecoded()
    {
        var path = fixture.PathFor("twelve-pixels.png");
        using (var image = new Image<Rgb24>(4, 3))
            image.SaveAsPng(path);

        using var rgb = ImagePreprocessor.ResizeWhole(32, 32, maxImagePixels: 12).ToTensor([ImageSource.FromFile(path)]);

        Assert.Equal(new long[] { 1, 3, 32, 32 }, rgb.shape);
    }

    private static void AssertClose(Rgb24 expected, Rgb24 actual)
    {
        const int tolerance = 12; // JPEG at quality 100 is still lossy
        Assert.True(Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance
            && Math.Abs(expected.B - actual.B) <= tolerance, $"expected about {expected}, got {actual}");
    }
}
