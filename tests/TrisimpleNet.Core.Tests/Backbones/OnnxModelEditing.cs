using Google.Protobuf;

namespace TrisimpleNet.Core.Tests.Backbones;

/// <summary>
/// Rewrites an ONNX model for ONNX Runtime comparisons: the graph input gets symbolic dimensions (any image size),
/// the recorded value_info shapes (fixed at 224 x 224) are dropped, and the given intermediate values become outputs.
/// Every other field is copied byte for byte.
/// </summary>
internal static class OnnxModelEditing
{
    private const int ModelGraph = 7, GraphInput = 11, GraphOutput = 12, GraphValueInfo = 13;

    public static byte[] WithAnySizeInputAndOutputs(byte[] model, string inputName, IEnumerable<string> outputNames) =>
        Rewrite(model, (field, value, output) =>
        {
            if (field != ModelGraph)
                return false;
            var graph = Rewrite(value.ToByteArray(), (graphField, _, _) => graphField is GraphInput or GraphOutput or GraphValueInfo);
            var extra = new MemoryStream();
            var extraOutput = new CodedOutputStream(extra);
            WriteMessage(extraOutput, GraphInput, ValueInfo(inputName, ["N", "C", "H", "W"]));
            foreach (var name in outputNames)
                WriteMessage(extraOutput, GraphOutput, ValueInfo(name, null));
            extraOutput.Flush();
            WriteMessage(output, ModelGraph, [.. graph, .. extra.ToArray()]);
            return true;
        });

    // Copies every field of a message, except those that `replace` handles (writes or drops) and returns true for.
    private static byte[] Rewrite(byte[] message, Func<int, ByteString, CodedOutputStream, bool> replace)
    {
        var input = new CodedInputStream(message);
        var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.LengthDelimited:
                    var value = input.ReadBytes();
                    if (!replace(WireFormat.GetTagFieldNumber(tag), value, output))
                    {
                        output.WriteTag(tag);
                        output.WriteBytes(value);
                    }
                    break;
                case WireFormat.WireType.Varint: output.WriteTag(tag); output.WriteUInt64(input.ReadUInt64()); break;
                case WireFormat.WireType.Fixed32: output.WriteTag(tag); output.WriteFixed32(input.ReadFixed32()); break;
                case WireFormat.WireType.Fixed64: output.WriteTag(tag); output.WriteFixed64(input.ReadFixed64()); break;
                default: throw new InvalidDataException($"Unexpected wire type in tag {tag}.");
            }
        }
        output.Flush();
        return buffer.ToArray();
    }

    // ValueInfoProto { name = 1; type = 2 { tensor_type = 1 { elem_type = 1 (float); shape = 2 { dim = 1 { dim_param = 2 } } } } }
    private static byte[] ValueInfo(string name, string[]? symbolicDims)
    {
        var shape = symbolicDims is null ? null : Message(o =>
        {
            foreach (var dim in symbolicDims)
                WriteMessage(o, 1, Message(d => { d.WriteTag(2, WireFormat.WireType.LengthDelimited); d.WriteString(dim); }));
        });
        var tensorType = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt32(1);
            if (shape is not null)
                WriteMessage(o, 2, shape);
        });
        return Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(name);
            WriteMessage(o, 2, Message(t => WriteMessage(t, 1, tensorType)));
        });
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static void WriteMessage(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }
}
