using TrisimpleNet.Imaging;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>A merged ensemble (EnsembleSize) is one adaptor and one wider discriminator: it exports with the same parity.</summary>
public sealed class EnsembleExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-onnx-ensemble-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public void ScoresAndMapsEqualTorchSharpWithinTolerance()
    {
        var options = TrisimpleNetOptions.ResNet18();
        // The export is a float32 graph; Auto would multiply in bfloat16 on CPUs with AVX-512 BF16.
        options.Precision = ComputePrecision.Float32;
        options.EnsembleSize = 2;
        options.Resize = 72;
        options.CropSize = 64;
        options.Epochs = 1;
        var images = SharedTestData.KolektorImages("test/crack", 2);
        using var detector = new AnomalyDetectorBuilder(options).Train(SharedTestData.KolektorImages("train/good", 2));
        var path = Path.Combine(_folder, "ensemble.onnx");
        detector.ExportOnnx(path);

        var expected = detector.Predict(images.Select(ImageSource.FromFile).ToList());
        using var onnx = OnnxAnomalyDetector.Load(path);
        var actual = onnx.Predict(images);

        Assert.Equal(2, detector.TrainingHistory.Count);
        Assert.All(expected.Zip(actual), pair =>
        {
            Assert.InRange(Math.Abs(pair.First.Score - pair.Second.Score), 0f, 1e-4f);
            Assert.InRange(pair.First.Map.Zip(pair.Second.Map, (a, b) => Math.Abs(a - b)).Max(), 0f, 1e-4f);
        });
    }
}
