using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Webp;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>
/// A bad image file given to a detector is an <see cref="InvalidDataException"/> (or <see cref="FileNotFoundException"/>)
/// naming the file and what was expected, thrown as it is: never an <see cref="AggregateException"/> from the
/// decoding that runs on worker threads.
/// </summary>
public sealed class BadImageFileTests(TinyDetectorFixture fixture) : IClassFixture<TinyDetectorFixture>
{
    private readonly AnomalyDetector _detector = fixture.Detector;

    [Fact]
    public void MissingFileIsFileNotFoundNamingIt()
    {
        var path = fixture.PathFor("missing.png");

        var error = Assert.Throws<FileNotFoundException>(() => _detector.Predict(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void ZeroByteFileIsInvalidDataSayingItIsEmpty()
    {
        var path = Write("empty.png", []);

        var error = Assert.Throws<InvalidDataException>(() => _detector.Predict(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("empty (0 bytes)", error.Message);
        Assert.Contains("expected a PNG, JPEG, BMP, TIFF or GIF image", error.Message);
    }

    [Fact]
    public void TextFileNamedPngIsInvalidDataSayingTheFormatIsNotSupported()
    {
        var path = Write("notes.png", "camera 3: lens cleaned\n"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => _detector.Predict(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not in a supported format; expected a PNG, JPEG, BMP, TIFF or GIF image", error.Message);
    }

    [Fact]
    public void TruncatedPngIsInvalidDataSayingItIsTruncated()
    {
        var png = Encode((image, stream) => image.SaveAsPng(stream));
        var path = Write("truncated.png", png[..(png.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => _detector.Predict(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("is truncated: it has no PNG end marker", error.Message);
    }

    [Fact]
    public void TruncatedJpegIsInvalidDataSayingItIsTruncated()
    {
        var jpeg = Encode((image, stream) => image.SaveAsJpeg(stream));
        var path = Write("truncated.jpg", jpeg[..(jpeg.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => _detector.Predict(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("is truncated: it has no JPEG end marker", error.Message);
    }

    [Fact]
    public void WebpIsInvalidDataListingTheSupportedFormats()
    {
        var path = Write("frame.webp", Encode((image, stream) => image.Save(stream, new WebpEncoder())));

        var error = Assert.Throws<InvalidDataException>(() => _detector.Predict(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not in a supported format; expected a PNG, JPEG, BMP, TIFF or GIF image", error.Message);
    }

    [Fact]
    public void PngDeclaringTenGigapixelsIsRefusedUndecodedNamingTheLimit()
    {
        var path = Write("huge.png", CraftedPng.HeaderOnly(100_000, 100_000));

        var error = Assert.Throws<InvalidDataException>(() => _detector.Predict(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("100000x100000 (10,000,000,000 pixels), more than the limit of 100,000,000", error.Message);
        Assert.Contains("TrisimpleNetOptions.MaxImagePixels", error.Message);
        Assert.Contains("it was not decoded", error.Message);
    }

    [Fact]
    public void BadFileInABatchIsReportedAsItselfNotWrapped()
    {
        var good = Write("good.png", Encode((image, stream) => image.SaveAsPng(stream)));
        var bad = Write("bad.png", []);

        var error = Assert.Throws<InvalidDataException>(() =>
            _detector.Predict([ImageSource.FromFile(good), ImageSource.FromFile(bad), ImageSource.FromFile(good)]));

        Assert.Contains(bad, error.Message);
    }

    [Fact]
    public void BadFileInALaterBatchIsReportedAsItselfNotWrapped()
    {
        var good = Write("good.png", Encode((image, stream) => image.SaveAsPng(stream)));
        var bad = Write("bad.png", []);
        var images = Enumerable.Repeat(good, _detector.Options.InferenceBatchSize + 1).Append(bad).Select(ImageSource.FromFile).ToList();

        var error = Assert.Throws<InvalidDataException>(() => _detector.Predict(images));

        Assert.Contains(bad, error.Message);
    }

    [Fact]
    public void BadTrainingFileStopsTrainingNamingIt()
    {
        var good = Write("good.png", Encode((image, stream) => image.SaveAsPng(stream)));
        var bad = Write("bad.png", "not an image"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() =>
            new AnomalyDetectorBuilder(TinyDetectorFixture.Options()).WithBackbone(new TinyBackbone()).Train([good, bad, good]));

        Assert.Contains(bad, error.Message);
    }

    private string Write(string fileName, byte[] bytes)
    {
        var path = fixture.PathFor(fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Encode(Action<Image, Stream> save)
    {
        using var image = TinyDetectorFixture.Noise(96, 80, seed: 9);
        using var stream = new MemoryStream();
        save(image, stream);
        return stream.ToArray();
    }
}
