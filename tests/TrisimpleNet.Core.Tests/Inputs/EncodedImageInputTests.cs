using SixLabors.ImageSharp;
using TrisimpleNet.Core.Tests.BadInput;

namespace TrisimpleNet.Core.Tests.Inputs;

/// <summary>
/// Encoded images from memory (bytes, a stream, an asynchronous stream) score exactly as the same file does, and
/// bad bytes get the file path's exception with the caller's name for the image.
/// </summary>
public sealed class EncodedImageInputTests(TinyDetectorFixture fixture) : IClassFixture<TinyDetectorFixture>
{
    private readonly AnomalyDetector _detector = fixture.Detector;

    private string WritePng()
    {
        var path = fixture.PathFor("part.png");
        using var image = TinyDetectorFixture.Noise(90, 70, seed: 11);
        image.SaveAsPng(path);
        return path;
    }

    [Fact]
    public void BytesScoreAsTheFileDoes()
    {
        var path = WritePng();
        var fromFile = _detector.Predict(path);

        var fromBytes = _detector.Predict(File.ReadAllBytes(path), "upload");

        Assert.Equal(fromFile.Score, fromBytes.Score);
        Assert.Equal(fromFile.Map, fromBytes.Map);
        Assert.Equal("upload", fromBytes.Name);
    }

    [Fact]
    public void AStreamScoresAsTheFileDoes()
    {
        var path = WritePng();
        var fromFile = _detector.Predict(path);
        using var stream = File.OpenRead(path);

        var fromStream = _detector.Predict(stream);

        Assert.Equal(fromFile.Score, fromStream.Score);
        Assert.Equal(fromFile.Map, fromStream.Map);
    }

    [Fact]
    public async Task AnAsynchronousStreamScoresAsTheFileDoes()
    {
        var path = WritePng();
        var fromFile = _detector.Predict(path);
        await using var stream = File.OpenRead(path);

        var fromStream = await _detector.PredictAsync(stream, "camera frame 7");

        Assert.Equal(fromFile.Score, fromStream.Score);
        Assert.Equal(fromFile.Map, fromStream.Map);
    }

    [Fact]
    public void BadBytesAreInvalidDataNamingTheImage()
    {
        var error = Assert.Throws<InvalidDataException>(() => _detector.Predict("not an image"u8.ToArray(), "upload 3"));

        Assert.Contains("'upload 3'", error.Message);
        Assert.Contains("expected a PNG, JPEG, BMP, TIFF or GIF image", error.Message);
    }

    [Fact]
    public void BytesDeclaringTooManyPixelsAreRefusedUndecoded()
    {
        var error = Assert.Throws<InvalidDataException>(() => _detector.Predict(CraftedPng.HeaderOnly(100_000, 100_000), "huge"));

        Assert.Contains("'huge'", error.Message);
        Assert.Contains("MaxImagePixels", error.Message);
    }
}
