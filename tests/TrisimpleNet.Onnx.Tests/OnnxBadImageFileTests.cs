using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>
/// A bad image file given to <see cref="OnnxAnomalyDetector.Predict(IReadOnlyList{string})"/> stops the call with the
/// documented exception naming that file, thrown as it is (not wrapped by the parallel decoding) and before anything
/// is scored; see <see cref="ImageFileDecoderTests"/> for each kind of bad file.
/// </summary>
[Collection(ExportedDetectorFixture.Collection)]
public sealed class OnnxBadImageFileTests(ExportedDetectorFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-onnx-bad-").FullName;

    [SkippableFact]
    public void ATruncatedPngAmongGoodFilesIsRefusedNamingIt()
    {
        var good = SharedTestData.KolektorImages("test/good", 1)[0];
        var png = File.ReadAllBytes(good);
        var truncated = Path.Combine(_folder, "truncated.png");
        File.WriteAllBytes(truncated, png[..(png.Length / 2)]);
        using var onnx = OnnxAnomalyDetector.Load(fixture.ModelPath);

        var error = Assert.Throws<InvalidDataException>(() => onnx.Predict([good, truncated, good]));

        Assert.Contains(truncated, error.Message);
        Assert.Contains("is truncated", error.Message);
    }

    [SkippableFact]
    public void ATruncatedJpegIsRefusedRatherThanScoredGrayFilled()
    {
        using var image = Image.Load<Rgb24>(SharedTestData.KolektorImages("test/crack", 1)[0]);
        using var jpeg = new MemoryStream();
        image.SaveAsJpeg(jpeg);
        var truncated = Path.Combine(_folder, "truncated.jpg");
        File.WriteAllBytes(truncated, jpeg.ToArray()[..(int)(jpeg.Length / 2)]);
        using var onnx = OnnxAnomalyDetector.Load(fixture.ModelPath);

        var error = Assert.Throws<InvalidDataException>(() => onnx.Predict(truncated));

        Assert.Contains(truncated, error.Message);
        Assert.Contains("is truncated: it has no JPEG end marker", error.Message);
    }

    [SkippableFact]
    public void AMissingFileIsFileNotFoundNamingIt()
    {
        var missing = Path.Combine(_folder, "missing.png");
        using var onnx = OnnxAnomalyDetector.Load(fixture.ModelPath);

        var error = Assert.Throws<FileNotFoundException>(() => onnx.Predict([SharedTestData.KolektorImages("test/good", 1)[0], missing]));

        Assert.Equal(missing, error.FileName);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
