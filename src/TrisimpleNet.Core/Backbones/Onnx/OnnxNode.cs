namespace TrisimpleNet.Backbones.Onnx;

/// <summary>One NodeProto of an ONNX graph: operator, inputs, outputs and its integer-list attributes (pads, strides, ...).</summary>
internal sealed record OnnxNode(
    string Name,
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyDictionary<string, long[]> IntListAttributes)
{
    /// <summary>The integer list attribute <paramref name="name"/>, or empty when the node has none.</summary>
    public long[] Ints(string name) => IntListAttributes.TryGetValue(name, out var values) ? values : [];
}
