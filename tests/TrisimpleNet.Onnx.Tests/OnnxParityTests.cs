using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using TrisimpleNet.Imaging;
using Xunit.Abstractions;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>The exported model on ONNX Runtime scores kolektor-sdd test images as the TorchSharp detector does.</summary>
[Collection(ExportedDetectorFixture.Collection)]
public sealed class OnnxParityTests(ExportedDetectorFixture fixture, ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    private static string[] TestImages() =>
        [.. SharedTestData.KolektorImages("test/good", 3), .. SharedTestData.KolektorImages("test/crack", 3)];

    private IReadOnlyList<AnomalyPrediction> TorchPredictions(string[] images) =>
        fixture.Detector.Predict(images.Select(ImageSource.FromFile).ToList());

    [SkippableFact]
    public void ImageScoresEqualTorchSharpWithinTolerance()
    {
        var images = TestImages();
        using var onnx = OnnxAnomalyDetector.Load(fixture.ModelPath);
        var expected = TorchPredictions(images);
        var actual = onnx.Predict(images);
        float largest = expected.Zip(actual, (e, a) => Math.Abs(e.Score - a.Score)).Max();
        output.WriteLine($"largest image-score difference: {largest:E2} (scores {string.Join(", ", expected.Select(p => p.Score.ToString("F4", CultureInfo.InvariantCulture)))})");
        Assert.InRange(largest, 0f, Tolerance);
    }

    [SkippableFact]
    public void AnomalyMapsEqualTorchSharpWithinTolerance()
    {
        var images = TestImages();
        using var onnx = OnnxAnomalyDetector.Load(fixture.ModelPath);
        var expected = TorchPredictions(images);
        var actual = onnx.Predict(images);
        Assert.All(actual, p => Assert.Equal((fixture.Detector.InputHeight, fixture.Detector.InputWidth), (p.Height, p.Width)));
        float largest = expected.Zip(actual, (e, a) => e.Map.Zip(a.Map, (x, y) => Math.Abs(x - y)).Max()).Max();
        output.WriteLine($"largest anomaly-map difference: {largest:E2}");
        Assert.InRange(largest, 0f, Tolerance);
    }

    [SkippableFact]
    public void DecisionsEqualTorchSharpsAtTheExportedThreshold()
    {
        var images = TestImages();
        var torchScores = TorchPredictions(images).Select(p => p.Score).Order().ToArray();
        // Half-way between two middle scores: some images on each side, none within the tolerance of the threshold.
        float threshold = (torchScores[2] + torchScores[3]) / 2;
        var path = Path.Combine(Path.GetDirectoryName(fixture.ModelPath)!, "midway.onnx");
        using (var midway = fixture.Detector.WithDecisions(fixture.Detector.Decisions.WithImageThreshold(threshold)))
            midway.ExportOnnx(path);
        using var onnx = OnnxAnomalyDetector.Load(path);
        var expected = TorchPredictions(images).Select(p => p.Score >= threshold);
        var actual = onnx.Predict(images).Select(p => p.IsAnomalous);
        Assert.Equal(expected, actual);
        Assert.Contains(true, actual);
        Assert.Contains(false, actual);
    }

    [SkippableFact]
    public void MetadataCarriesTheImageAndPixelThresholds()
    {
        using var session = new InferenceSession(fixture.ModelPath);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal(fixture.Detector.Decisions.ImageThreshold, float.Parse(metadata["trisimplenet.image_threshold"], CultureInfo.InvariantCulture));
        Assert.Equal(fixture.Detector.Decisions.PixelThreshold, float.Parse(metadata["trisimplenet.pixel_threshold"], CultureInfo.InvariantCulture));
        using var onnx = OnnxAnomalyDetector.Load(fixture.ModelPath);
        Assert.Equal(fixture.Detector.Decisions.ImageThreshold, onnx.Threshold);
        Assert.Equal(fixture.Detector.Decisions.PixelThreshold, onnx.PixelThreshold);
    }

    [SkippableFact]
    public void MasksEqualTorchSharpsAtTheExportedPixelThreshold()
    {
        var images = TestImages();
        var torchMaps = TorchPredictions(images).Select(p => p.Map).ToArray();
        // The median map value: about half of the pixels on each side of the threshold.
        var values = torchMaps.SelectMany(map => map).Order().ToArray();
        float threshold = values[values.Length / 2];
        var path = Path.Combine(Path.GetDirectoryName(fixture.ModelPath)!, "median-pixel-threshold.onnx");
        using (var median = fixture.Detector.WithDecisions(fixture.Detector.Decisions.WithPixelThreshold(threshold)))
            median.ExportOnnx(path);
        using var onnx = OnnxAnomalyDetector.Load(path);
        var onnxMasks = onnx.Predict(images).Select(p => p.Mask).ToArray();
        // Maps agree within the tolerance, so only pixels that close to the threshold may fall on different sides.
        for (int image = 0; image < images.Length; image++)
            for (int pixel = 0; pixel < torchMaps[image].Length; pixel++)
                if (Math.Abs(torchMaps[image][pixel] - threshold) > Tolerance)
                    Assert.Equal(torchMaps[image][pixel] >= threshold, onnxMasks[image][pixel]);
        Assert.Contains(onnxMasks, mask => mask.Contains(true));
        Assert.Contains(onnxMasks, mask => mask.Contains(false));
    }

    [SkippableFact]
    public void ConcurrentPredictionsEqualSequentialOnes()
    {
        var images = TestImages();
        using var onnx = OnnxAnomalyDetector.Load(fixture.ModelPath);
        var sequential = images.Select(onnx.Predict).ToArray();
        var concurrent = new OnnxPrediction[images.Length];
        Parallel.For(0, images.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i] = onnx.Predict(images[i]));
        Assert.Equal(sequential.Select(p => p.Score), concurrent.Select(p => p.Score));
        Assert.All(sequential.Zip(concurrent), pair => Assert.Equal(pair.First.Map, pair.Second.Map));
    }
}
