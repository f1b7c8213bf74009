namespace TrisimpleNet.Backbones.Onnx;

/// <summary>A float32 TensorProto stored in an ONNX graph (a weight or constant), row-major.</summary>
internal sealed record OnnxInitializer(string Name, long[] Dims, float[] Values);
