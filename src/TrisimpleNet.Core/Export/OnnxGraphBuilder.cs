using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace TrisimpleNet.Export;

/// <summary>
/// Appends ONNX nodes and initializers to a <see cref="GraphProto"/> (OnnxSharp's generated protobuf types), naming
/// every value uniquely from a readable prefix.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private readonly Dictionary<string, int> _nameCounts = [];

    public GraphProto Graph { get; } = new() { Name = "trisimplenet" };

    /// <summary>Adds a float32 constant with <paramref name="tensor"/>'s shape and values; returns its name.</summary>
    public string Constant(string name, Tensor tensor)
    {
        using var values = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        var proto = new TensorProto { Name = UniqueName(name), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(values.shape);
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.data<float>().ToArray().AsSpan()));
        Graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds a float32 constant; returns its name.</summary>
    public string Constant(string name, float[] values, params long[] dims)
    {
        var proto = new TensorProto { Name = UniqueName(name), DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(dims);
        proto.FloatData.AddRange(values);
        Graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds an int64 constant; returns its name.</summary>
    public string Constant(string name, long[] values, params long[] dims)
    {
        var proto = new TensorProto { Name = UniqueName(name), DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.AddRange(dims);
        proto.Int64Data.AddRange(values);
        Graph.Initializer.Add(proto);
        return proto.Name;
    }

    /// <summary>Adds a node of <paramref name="opType"/> with one output; returns the output's name.</summary>
    public string Node(string opType, string outputName, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = UniqueName(outputName + "/" + opType) };
        node.Input.AddRange(inputs);
        node.Output.Add(UniqueName(outputName));
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return node.Output[0];
    }

    /// <summary>Renames the value <paramref name="value"/> to <paramref name="outputName"/> with an Identity node.</summary>
    public void Output(string value, string outputName, TypeProto type)
    {
        var node = new NodeProto { OpType = "Identity", Name = outputName + "/Identity" };
        node.Input.Add(value);
        node.Output.Add(outputName);
        Graph.Node.Add(node);
        Graph.Output.Add(new ValueInfoProto { Name = outputName, Type = type });
    }

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>A float32 tensor type: the dynamic batch dimension, then <paramref name="fixedDimensions"/>.</summary>
    public static TypeProto FloatTensor(string batchDimension, params long[] fixedDimensions)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = batchDimension });
        foreach (long dimension in fixedDimensions)
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dimension });
        return new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape },
        };
    }

    private string UniqueName(string name)
    {
        int count = _nameCounts.GetValueOrDefault(name);
        _nameCounts[name] = count + 1;
        return count == 0 ? name : $"{name}_{count}";
    }
}
