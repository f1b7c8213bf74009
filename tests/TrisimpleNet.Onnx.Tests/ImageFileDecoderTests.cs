using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Core.Tests.BadInput;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>
/// TrisimpleNet.Onnx decodes image files as TrisimpleNet.Core's ImageFiles does, and refuses the bad files Core refuses
/// (tests/TrisimpleNet.Core.Tests/BadInput) with an <see cref="InvalidDataException"/> naming the file and what was expected.
/// </summary>
public sealed class ImageFileDecoderTests : IDisposable
{
    private const string Expected = "expected a PNG, JPEG, BMP, TIFF or GIF image";
    private static readonly Rgb24 Red = new(255, 0, 0);
    private static readonly Rgb24 Blue = new(0, 0, 255);
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

    [Fact]
    public void APngDeclaringTenGigapixelsIsRefusedUndecodedNamingTheLimit()
    {
        var path = Write("huge.png", CraftedPng.HeaderOnly(100_000, 100_000));

        var error = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.LoadRgb(path, ImageFileDecoder.DefaultMaxPixels));

        Assert.Contains(path, error.Message);
        Assert.Contains("100000x100000 (10,000,000,000 pixels), more than the limit of 100,000,000", error.Message);
        Assert.Contains("OnnxAnomalyDetector.MaxImagePixels", error.Message);
        Assert.Contains("it was not decoded", error.Message);
    }

    [Fact]
    public void AMissingFileIsFileNotFoundNamingIt()
    {
        var path = Path.Combine(_folder, "missing.png");

        var error = Assert.Throws<FileNotFoundException>(() => ImageFileDecoder.LoadRgb(path, ImageFileDecoder.DefaultMaxPixels));

        Assert.Equal(path, error.FileName);
    }

    [Fact]
    public void AZeroByteFileIsRefusedSayingItIsEmpty()
    {
        var path = Write("empty.png", []);

        var error = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.LoadRgb(path, ImageFileDecoder.DefaultMaxPixels));

        Assert.Contains(path, error.Message);
        Assert.Contains($"empty (0 bytes); {Expected}", error.Message);
    }

    [Fact]
    public void ATextFileNamedPngIsRefusedSayingTheFormatIsNotSupported()
    {
        var path = Write("notes.png", "camera 3: lens cleaned\n"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.LoadRgb(path, ImageFileDecoder.DefaultMaxPixels));

        Assert.Contains(path, error.Message);
        Assert.Contains($"not in a supported format; {Expected}", error.Message);
    }

    [Fact]
    public void AWebpIsRefusedListingTheSupportedFormats()
    {
        var path = Write("frame.webp", Encode((image, stream) => image.Save(stream, new WebpEncoder())));

        var error = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.LoadRgb(path, ImageFileDecoder.DefaultMaxPixels));

        Assert.Contains(path, error.Message);
        Assert.Contains($"not in a supported format; {Expected}", error.Message);
    }

    [Fact]
    public void ATruncatedPngIsRefusedSayingItIsTruncated()
    {
        var png = Encode((image, stream) => image.SaveAsPng(stream));
        var path = Write("truncated.png", png[..(png.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.LoadRgb(path, ImageFileDecoder.DefaultMaxPixels));

        Assert.Contains(path, error.Message);
        Assert.Contains("is truncated: it has no PNG end marker", error.Message);
    }

    [Fact]
    public void ATruncatedJpegIsRefusedAlthoughImageSharpAloneDecodesIt()
    {
        var jpeg = Encode((image, stream) => image.SaveAsJpeg(stream));
        var path = Write("truncated.jpg", jpeg[..(jpeg.Length / 2)]);
        using (var grayFilled = Image.Load<Rgb24>(path))
            Assert.Equal((96, 80), (grayFilled.Width, grayFilled.Height));

        var error = Assert.Throws<InvalidDataException>(() => ImageFileDecoder.LoadRgb(path, ImageFileDecoder.DefaultMaxPixels));

        Assert.Contains(path, error.Message);
        Assert.Contains("is truncated: it has no JPEG end marker", error.Message);
    }

    [Theory]
    [InlineData("two-frames.gif")]
    [InlineData("two-pages.tif")]
    public void AMultiFrameFileUsesItsFirstFrameOnly(string fileName)
    {
        var path = Write(fileName, fileName.EndsWith(".gif") ? CraftedGif.Frames(8, 8, Red, Blue) : CraftedTiff.Pages(8, 8, Red, Blue));
        using (var allFrames = Image.Load<Rgb24>(path))
            Assert.Equal((2, Blue), (allFrames.Frames.Count, allFrames.Frames[1][4, 4]));

        using var decoded = ImageFileDecoder.LoadRgb(path, ImageFileDecoder.DefaultMaxPixels);

        Assert.Equal((1, Red), (decoded.Frames.Count, decoded[4, 4]));
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

    private string Write(string fileName, byte[] bytes)
    {
        var path = Path.Combine(_folder, fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // A 96 x 80 image of seeded noise, so that its encodings are large enough to cut in half.
    private static byte[] Encode(Action<Image, Stream> save)
    {
        var random = new Random(9);
        using var image = new Image<Rgb24>(96, 80);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                image[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        using var stream = new MemoryStream();
        save(image, stream);
        return stream.ToArray();
    }

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
