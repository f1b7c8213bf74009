using System.Runtime.InteropServices;
using Google.Protobuf;

namespace TrisimpleNet.Backbones.Onnx;

/// <summary>
/// The nodes and float initializers of an ONNX model, read with a minimal protobuf reader over the fields this library
/// needs (ModelProto.graph, GraphProto.node/initializer, NodeProto, AttributeProto.ints, TensorProto dims/float data).
/// Field numbers are those of onnx.proto; every other field is skipped.
/// </summary>
internal sealed record OnnxGraph(IReadOnlyList<OnnxNode> Nodes, IReadOnlyDictionary<string, OnnxInitializer> Initializers)
{
    // onnx.proto field numbers.
    private const int ModelGraph = 7;
    private const int GraphNode = 1, GraphInitializer = 5;
    private const int NodeInput = 1, NodeOutput = 2, NodeName = 3, NodeOpType = 4, NodeAttribute = 5;
    private const int AttributeName = 1, AttributeInts = 8;
    private const int TensorDims = 1, TensorDataType = 2, TensorFloatData = 4, TensorName = 8, TensorRawData = 9;
    private const int FloatDataType = 1;

    /// <summary>Reads <paramref name="path"/>; a file that is not an ONNX model is an <see cref="InvalidDataException"/> naming it.</summary>
    public static OnnxGraph Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        try
        {
            var model = new CodedInputStream(File.ReadAllBytes(path));
            OnnxGraph? graph = null;
            for (var tag = model.ReadTag(); tag != 0; tag = model.ReadTag())
            {
                if (WireFormat.GetTagFieldNumber(tag) == ModelGraph)
                    graph = ReadGraph(model.ReadBytes().CreateCodedInput());
                else
                    model.SkipLastField();
            }
            return graph ?? throw new InvalidDataException($"ONNX model '{path}' has no graph.");
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}' is not a readable ONNX model: {e.Message}", e);
        }
    }

    /// <summary>The initializer named <paramref name="name"/>, or an exception naming it.</summary>
    public OnnxInitializer Initializer(string name) =>
        Initializers.TryGetValue(name, out var initializer)
            ? initializer
            : throw new InvalidDataException($"ONNX graph has no float initializer '{name}'.");

    private static OnnxGraph ReadGraph(CodedInputStream input)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxInitializer>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case GraphNode:
                    nodes.Add(ReadNode(input.ReadBytes().CreateCodedInput()));
                    break;
                case GraphInitializer:
                    if (ReadTensor(input.ReadBytes().CreateCodedInput()) is { } tensor)
                        initializers[tensor.Name] = tensor;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return new OnnxGraph(nodes, initializers);
    }

    private static OnnxNode ReadNode(CodedInputStream input)
    {
        string name = "", opType = "";
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, long[]>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NodeInput: inputs.Add(input.ReadString()); break;
                case NodeOutput: outputs.Add(input.ReadString()); break;
                case NodeName: name = input.ReadString(); break;
                case NodeOpType: opType = input.ReadString(); break;
                case NodeAttribute:
                    var (attributeName, ints) = ReadIntsAttribute(input.ReadBytes().CreateCodedInput());
                    attributes[attributeName] = ints;
                    break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    private static (string Name, long[] Ints) ReadIntsAttribute(CodedInputStream input)
    {
        var name = "";
        var ints = new List<long>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case AttributeName: name = input.ReadString(); break;
                case AttributeInts: ReadInt64s(input, tag, ints); break;
                default: input.SkipLastField(); break;
            }
        }
        return (name, ints.ToArray());
    }

    /// <summary>Reads a float32 tensor; returns null for other data types, which no ResNet weight uses.</summary>
    private static OnnxInitializer? ReadTensor(CodedInputStream input)
    {
        var name = "";
        var dims = new List<long>();
        var dataType = 0;
        float[]? values = null;
        var floats = new List<float>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case TensorDims: ReadInt64s(input, tag, dims); break;
                case TensorDataType: dataType = input.ReadInt32(); break;
                case TensorName: name = input.ReadString(); break;
                case TensorRawData: values = MemoryMarshal.Cast<byte, float>(input.ReadBytes().Span).ToArray(); break;
                case TensorFloatData when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    floats.AddRange(MemoryMarshal.Cast<byte, float>(input.ReadBytes().Span).ToArray());
                    break;
                case TensorFloatData: floats.Add(input.ReadFloat()); break;
                default: input.SkipLastField(); break;
            }
        }
        return dataType == FloatDataType ? new OnnxInitializer(name, dims.ToArray(), values ?? floats.ToArray()) : null;
    }

    // A repeated int64 field, packed or not.
    private static void ReadInt64s(CodedInputStream input, uint tag, List<long> values)
    {
        if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
        {
            values.Add(input.ReadInt64());
            return;
        }
        var packed = input.ReadBytes().CreateCodedInput();
        while (!packed.IsAtEnd)
            values.Add(packed.ReadInt64());
    }
}
