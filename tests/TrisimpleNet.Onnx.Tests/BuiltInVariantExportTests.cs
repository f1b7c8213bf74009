using TrisimpleNet.Imaging;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>
/// The built-in variants beside the preset's parts export with the same parity: spatial-average aggregation, a
/// merged ensemble (one adaptor and a wider discriminator), and the paper's scoring without the preset's position bias.
/// </summary>
public sealed class BuiltInVariantExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-onnx-variant-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public void SpatialAverageAggregationScoresAndMapsEqualTorchSharpWithinTolerance() =>
        AssertParity(options => options.Aggregation = FeatureAggregation.SpatialAverageConcat, trainedEpochs: 1);

    [SkippableFact]
    public void AMergedEnsembleScoresAndMapsEqualTorchSharpWithinTolerance() =>
        AssertParity(options => options.EnsembleSize = 2, trainedEpochs: 2);

    [SkippableFact]
    public void ThePapersScoringWithoutAPositionBiasScoresAndMapsEqualTorchSharpWithinTolerance() =>
        AssertParity(options => options.SubtractPositionBias = false, trainedEpochs: 1);

    private void AssertParity(Action<TrisimpleNetOptions> variant, int trainedEpochs)
    {
        var options = TrisimpleNetOptions.ResNet18();
        // The export is a float32 graph; Auto would multiply in bfloat16 on CPUs with AVX-512 BF16 (about 2e-3 apart).
        options.Precision = ComputePrecision.Float32;
        options.Resize = 72;
        options.CropSize = 64;
        options.InputPixels = null;
        options.Epochs = 1;
        options.EnsembleSize = 1;
        // Both images train, so that the position bias (of at least two images) is not zero.
        options.CalibrationShare = 0;
        variant(options);
        var images = SharedTestData.KolektorImages("test/crack", 2);
        using var detector = new AnomalyDetectorBuilder(options).Train(SharedTestData.KolektorImages("train/good", 2));
        var path = Path.Combine(_folder, "variant.onnx");
        detector.ExportOnnx(path);

        var expected = detector.Predict(images.Select(ImageSource.FromFile).ToList());
        using var onnx = OnnxAnomalyDetector.Load(path);
        var actual = onnx.Predict(images);

        Assert.Equal(trainedEpochs, detector.TrainingHistory.Count);
        Assert.Equal(options.SubtractPositionBias, detector.PositionBias is not null);
        if (detector.PositionBias is { } bias) Assert.True(bias.ToArray().Max(Math.Abs) > 0, "the position bias should not be zero");
        Assert.All(expected.Zip(actual), pair =>
        {
            Assert.InRange(Math.Abs(pair.First.Score - pair.Second.Score), 0f, 1e-4f);
            Assert.InRange(pair.First.Map.Zip(pair.Second.Map, (a, b) => Math.Abs(a - b)).Max(), 0f, 1e-4f);
        });
    }
}
