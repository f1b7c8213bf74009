namespace TrisimpleNet.Onnx.Tests;

/// <summary>
/// A tiny detector (the packaged ResNet18, 1 epoch on 6 kolektor-sdd training images at 100 x 68, an odd, non-square
/// input so that the layer grids do not divide evenly) and its ONNX export, trained once and shared by every test class
/// in the <see cref="Collection"/> collection.
/// </summary>
public sealed class ExportedDetectorFixture : IDisposable
{
    /// <summary>The name of the test collection that shares one instance.</summary>
    public const string Collection = "exported detector";

    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-onnx-").FullName;

    public ExportedDetectorFixture()
    {
        var options = TrisimpleNetOptions.ResNet18();
        // The export is a float32 graph; Auto would multiply in bfloat16 on CPUs with AVX-512 BF16 (about 2e-3 apart).
        options.Precision = ComputePrecision.Float32;
        options.InputHeight = 100;
        options.InputWidth = 68;
        options.Epochs = 1;
        options.Seed = 3;
        Detector = new AnomalyDetectorBuilder(options).Train(SharedTestData.KolektorImages("train/good", 6));
        ModelPath = Path.Combine(_folder, "detector.onnx");
        Detector.ExportOnnx(ModelPath);
    }

    public AnomalyDetector Detector { get; }

    public string ModelPath { get; }

    public void Dispose()
    {
        Detector.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Declares the collection whose test classes share one <see cref="ExportedDetectorFixture"/>.</summary>
[CollectionDefinition(ExportedDetectorFixture.Collection)]
public sealed class ExportedDetectorCollection : ICollectionFixture<ExportedDetectorFixture>;
