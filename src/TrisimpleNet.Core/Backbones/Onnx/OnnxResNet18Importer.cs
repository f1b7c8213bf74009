using static TorchSharp.torch;

namespace TrisimpleNet.Backbones.Onnx;

/// <summary>
/// Maps the CNTK-exported ResNet18.onnx onto torchvision state-dict keys. The graph lists, in order: the stem conv, then
/// per block its convolutions (a stage's first block also its 1x1 downsample conv, before the 3x3 ones), each followed by
/// its BatchNormalization. Strides and pads of every node are checked against what the <see cref="ResNet"/> module does
/// with <see cref="ResNetPadding.Cntk"/>, so that a different export fails loudly rather than computing something else.
/// </summary>
internal static class OnnxResNet18Importer
{
    public static ResNetArchitecture Architecture => ResNetArchitecture.CntkResNet18;

    /// <summary>torchvision-named weights (conv1.weight, bn1.running_mean, layer1.0.conv1.weight, ...) from <paramref name="path"/>.</summary>
    public static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        var graph = OnnxGraph.Read(path);
        var convolutions = graph.Nodes.Where(n => n.OpType == "Conv").ToList();
        var batchNormByInput = graph.Nodes.Where(n => n.OpType == "BatchNormalization").ToDictionary(n => n.Inputs[0]);
        var expectedConvolutions = 1 + Architecture.BlocksPerStage.Sum() * 2 + 3;
        if (convolutions.Count != expectedConvolutions || batchNormByInput.Count != expectedConvolutions)
            throw new InvalidDataException(
                $"ONNX model '{path}' has {convolutions.Count} Conv and {batchNormByInput.Count} BatchNormalization nodes; " +
                $"the ResNet18 of {ResNet18OnnxFiles.PackageId} has {expectedConvolutions} of each.");
        CheckMaxPool(graph, path);

        var stateDict = new Dictionary<string, Tensor>();
        void Add(OnnxNode conv, string convKey, string batchNormKey, long stride)
        {
            CheckWindow(conv, stride, path);
            stateDict[$"{convKey}.weight"] = ToTensor(graph.Initializer(conv.Inputs[1]));
            if (!batchNormByInput.TryGetValue(conv.Outputs[0], out var batchNorm))
                throw new InvalidDataException($"ONNX model '{path}': Conv node '{conv.Name}' is not followed by a BatchNormalization.");
            string[] parts = ["weight", "bias", "running_mean", "running_var"];
            for (var i = 0; i < parts.Length; i++)
                stateDict[$"{batchNormKey}.{parts[i]}"] = ToTensor(graph.Initializer(batchNorm.Inputs[i + 1]));
        }

        var next = 0;
        Add(convolutions[next++], "conv1", "bn1", 2);
        for (var stage = 0; stage < 4; stage++)
        {
            for (var block = 0; block < Architecture.BlocksPerStage[stage]; block++)
            {
                var prefix = $"layer{stage + 1}.{block}";
                var stride = stage > 0 && block == 0 ? 2 : 1;
                var blockConvolutions = convolutions.Skip(next).Take(stride == 2 ? 3 : 2).ToList();
                next += blockConvolutions.Count;
                if (stride == 2)
                {
                    var downsample = blockConvolutions.Single(c => KernelSize(graph, c) == 1);
                    Add(downsample, $"{prefix}.downsample.0", $"{prefix}.downsample.1", 2);
                    blockConvolutions.Remove(downsample);
                }
                Add(blockConvolutions[0], $"{prefix}.conv1", $"{prefix}.bn1", stride);
                Add(blockConvolutions[1], $"{prefix}.conv2", $"{prefix}.bn2", 1);
            }
        }
        return stateDict;
    }

    /// <summary>The mean image of ResNetPreprocess.onnx (initializer MeanImage, 1 x 3 x 224 x 224, BGR, 0-255).</summary>
    public static Tensor ReadMeanImage(string preprocessPath) =>
        ToTensor(OnnxGraph.Read(preprocessPath).Initializer("MeanImage"));

    private static long KernelSize(OnnxGraph graph, OnnxNode conv) => graph.Initializer(conv.Inputs[1]).Dims[^1];

    private static void CheckMaxPool(OnnxGraph graph, string path) =>
        CheckWindow(graph.Nodes.Single(n => n.OpType == "MaxPool"), 2, path);

    // The pads ([h_begin, w_begin, h_end, w_end]) this importer reproduces. Stem conv and max pool: kernel/2 before,
    // kernel/2 - 1 after, reproduced by ResNetPadding.Cntk. Stride-2 3x3 convs in blocks: 1 before, 0 after, which
    // equals torchvision's 1 and 1 wherever the graph runs (even inputs: the last padded row is never read); for odd
    // inputs the ONNX graph itself fails (its 1x1 shortcut yields one row more) and the module keeps torchvision's.
    private static long[] ExpectedPads(long kernel, long stride) =>
        stride == 2 && kernel > 1 ? [kernel / 2, kernel / 2, kernel / 2 - 1, kernel / 2 - 1] : [kernel / 2, kernel / 2, kernel / 2, kernel / 2];

    private static void CheckWindow(OnnxNode node, long stride, string path)
    {
        var expectedPads = ExpectedPads(node.Ints("kernel_shape")[0], stride);
        var pads = node.Ints("pads") is { Length: > 0 } p ? p : [0, 0, 0, 0];
        if (!node.Ints("strides").SequenceEqual([stride, stride]) || !pads.SequenceEqual(expectedPads))
            throw new InvalidDataException(
                $"ONNX model '{path}': {node.OpType} node '{node.Name}' has strides [{string.Join(", ", node.Ints("strides"))}] and pads " +
                $"[{string.Join(", ", pads)}]; expected strides [{stride}, {stride}] and pads [{string.Join(", ", expectedPads)}].");
    }

    private static Tensor ToTensor(OnnxInitializer initializer) => tensor(initializer.Values, initializer.Dims);
}
