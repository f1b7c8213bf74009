namespace TrisimpleNet.Onnx.Tests;

/// <summary>Loading refuses files that are not TrisimpleNet exports, naming the file and what is missing.</summary>
public sealed class OnnxModelLoadingTests
{
    [Fact]
    public void AMissingFileIsRefusedByName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.onnx");
        var error = Assert.Throws<FileNotFoundException>(() => OnnxAnomalyDetector.Load(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void AnOnnxModelThatIsNoExportIsRefusedNamingItsInputs()
    {
        // The packaged ResNet18 classifier is a valid ONNX model, but not a TrisimpleNet export.
        var path = Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");
        var error = Assert.Throws<InvalidDataException>(() => OnnxAnomalyDetector.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("expected input 'image'", error.Message);
    }
}
