using System.Globalization;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using TrisimpleNet.Decisions;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>
/// The exported model carries the score normalisation (logistic, 0.5 at the threshold) and the pixel limit, and
/// OnnxAnomalyDetector uses them as the TorchSharp detector does.
/// </summary>
[Collection(ExportedDetectorFixture.Collection)]
public sealed class OnnxNormalizationTests(ExportedDetectorFixture fixture)
{
    [Fact]
    public void TheNormalizedScoreIsOneHalfAtTheThreshold()
    {
        var prediction = new OnnxPrediction("image", 1.25f, new float[4], 2, 2, threshold: 1.25f, pixelThreshold: 0.5f, imageScale: 0.3f);

        Assert.Equal(0.5f, prediction.NormalizedScore);
    }

    [Theory]
    [InlineData(-3f)]
    [InlineData(0.9f)]
    [InlineData(1.4f)]
    [InlineData(7f)]
    public void NormalizesScoresAndMapsExactlyAsAnomalyDecisions(float score)
    {
        var decisions = new AnomalyDecisions(imageThreshold: 1.25f, pixelThreshold: 0.5f, imageScale: 0.3f, pixelScale: 0.2f);
        float[] map = [score, 0.5f, -score, 0.1f];

        var prediction = new OnnxPrediction("image", score, map, 2, 2, 1.25f, 0.5f, imageScale: 0.3f, pixelScale: 0.2f);

        Assert.Equal(decisions.NormalizeImageScore(score), prediction.NormalizedScore);
        Assert.Equal(decisions.NormalizeMap(map), prediction.NormalizeMap());
    }

    [SkippableFact]
    public void NormalizedScoresEqualTorchSharpsWithinTolerance()
    {
        string[] images = [.. SharedTestData.KolektorImages("test/good", 3), .. SharedTestData.KolektorImages("test/crack", 3)];
        var torchScores = fixture.Detector.Predict(images.Select(ImageSource.FromFile).ToList()).Select(p => p.Score).Order().ToArray();
        // A threshold among the scores and a scale of their spread, so that the normalised scores lie well inside (0, 1).
        var decisions = new AnomalyDecisions((torchScores[2] + torchScores[3]) / 2, fixture.Detector.Decisions.PixelThreshold,
            imageScale: torchScores[^1] - torchScores[0], pixelScale: 0.1f);
        var path = Path.Combine(Path.GetDirectoryName(fixture.ModelPath)!, "scaled.onnx");
        using var scaled = fixture.Detector.WithDecisions(decisions);
        scaled.ExportOnnx(path);

        using var onnx = OnnxAnomalyDetector.Load(path);
        var expected = scaled.Predict(images.Select(ImageSource.FromFile).ToList()).Select(p => p.NormalizedScore).ToArray();
        var actual = onnx.Predict(images).Select(p => p.NormalizedScore).ToArray();

        Assert.Equal((decisions.ImageScale, decisions.PixelScale), (onnx.ImageScale, onnx.PixelScale));
        Assert.Equal(expected, actual, (e, a) => Math.Abs(e - a) <= 1e-4f);
        Assert.Contains(actual, value => value is > 0.05f and < 0.95f);
    }

    [SkippableFact]
    public void TheExportCarriesTheDetectorsPixelLimit()
    {
        using var session = new InferenceSession(fixture.ModelPath);

        var stored = session.ModelMetadata.CustomMetadataMap["trisimplenet.max_image_pixels"];

        Assert.Equal(fixture.Detector.Options.MaxImagePixels, long.Parse(stored, CultureInfo.InvariantCulture));
    }

    [SkippableFact]
    public void AnImageOverTheModelsPixelLimitIsRefusedNamingTheFile()
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(fixture.ModelPath));
        model.MetadataProps.Single(entry => entry.Key == "trisimplenet.max_image_pixels").Value = "1000";
        var path = Path.Combine(Path.GetDirectoryName(fixture.ModelPath)!, "limited.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        var image = SharedTestData.KolektorImages("test/good", 1)[0];

        using var onnx = OnnxAnomalyDetector.Load(path);
        var error = Assert.Throws<InvalidDataException>(() => onnx.Predict(image));

        Assert.Equal(1000, onnx.MaxImagePixels);
        Assert.Contains(image, error.Message);
        Assert.Contains("more than the limit of 1,000", error.Message);
    }
}
