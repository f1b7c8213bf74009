using Microsoft.ML.OnnxRuntime;
using Message = System.Collections.Generic.List<(string Field, object Value)>;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>docs/triton/config.pbtxt declares the inputs and outputs an export of the ResNet18 preset at 288 x 288 really has.</summary>
public sealed class TritonConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-triton-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [SkippableFact]
    public void ConfigMatchesTheExportedModelsNamesShapesAndTypes()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.Epochs = 1;
        // The config is written for 288 x 288, the preset's size for square images; KolektorSDD's own would be 456 x 184.
        (options.InputHeight, options.InputWidth) = (288, 288);
        var modelPath = Path.Combine(_folder, "model.onnx");
        using (var detector = new AnomalyDetectorBuilder(options).Train(SharedTestData.KolektorImages("train/good", 2)))
            detector.ExportOnnx(modelPath);
        using var session = new InferenceSession(modelPath);

        var config = ProtobufTextFormat.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "triton", "config.pbtxt")));
        Assert.Equal("onnxruntime_onnx", Scalar(config, "platform"));
        Assert.True(int.Parse(Scalar(config, "max_batch_size")) > 0, "max_batch_size must be positive: the export's first dimension is the batch.");
        Assert.Equal(Declared(session.InputMetadata), Configured(config, "input"));
        Assert.Equal(Declared(session.OutputMetadata), Configured(config, "output"));
    }

    // The model's tensors as (name, Triton data type, full shape with -1 for the batch), sorted by name.
    private static IEnumerable<(string, string, string)> Declared(IReadOnlyDictionary<string, NodeMetadata> tensors) =>
        tensors.Select(t => (t.Key, t.Value.ElementType == typeof(float) ? "TYPE_FP32" : t.Value.ElementType.Name, string.Join(",", t.Value.Dimensions)))
            .OrderBy(t => t.Key);

    // The config's tensors the same way: Triton's shape is the batch (max_batch_size > 0) plus reshape.shape, or plus dims.
    private static IEnumerable<(string, string, string)> Configured(Message config, string section) =>
        config.Where(f => f.Field == section).SelectMany(f => (List<object>)f.Value).Cast<Message>()
            .Select(tensor =>
            {
                var reshape = tensor.Where(f => f.Field == "reshape").Select(f => (Message)f.Value).SingleOrDefault();
                var shape = reshape is null ? List(tensor, "dims") : List(reshape, "shape");
                return (Scalar(tensor, "name"), Scalar(tensor, "data_type"), string.Join(",", shape.Prepend("-1")));
            })
            .OrderBy(t => t.Item1);

    private static string Scalar(Message message, string field) => (string)message.Single(f => f.Field == field).Value;

    private static IEnumerable<string> List(Message message, string field) => ((List<object>)message.Single(f => f.Field == field).Value).Cast<string>();
}
