using TrisimpleNet.Backbones;
using static TorchSharp.torch;
using static TrisimpleNet.Export.OnnxGraphBuilder;

namespace TrisimpleNet.Export;

/// <summary>
/// The built-in ResNet backbones as ONNX nodes: the input normalisation, the stem and the stages up to the deepest
/// layer used. Convolutions and BatchNorms are written as they are (eval mode); ONNX Runtime fuses each pair on load.
/// </summary>
internal static class OnnxBackboneExport
{
    private const double BatchNormEpsilon = 1e-5;

    /// <summary>Adds the backbone on <paramref name="image"/> (N x 3 x height x width); returns the used layers' outputs, shallowest first.</summary>
    public static string[] Add(OnnxGraphBuilder graph, IBackbone backbone, string image, int height, int width)
    {
        if (backbone is not ResNetBackbone resNet)
            throw new NotSupportedException(
                $"ONNX export supports the built-in ResNet backbones; the backbone '{backbone.GetType().FullName}' is a custom part.");
        var weights = resNet.Network.state_dict();
        var normalized = AddNormalization(graph, resNet.Normalization, image, height, width);

        var padding = resNet.Network.Padding;
        var architecture = resNet.Network.Architecture;
        // The CNTK export pads the stem's windows by kernel/2 before and kernel/2 - 1 after; torchvision by kernel/2 on both sides.
        long[] StemPads(long kernel) => padding == ResNetPadding.Cntk
            ? [kernel / 2, kernel / 2, kernel / 2 - 1, kernel / 2 - 1]
            : [kernel / 2, kernel / 2, kernel / 2, kernel / 2];
        var stem = ConvBatchNorm(graph, weights, "conv1", "bn1", normalized, 2, StemPads(7), relu: true);
        var features = graph.Node("MaxPool", "maxpool", [stem], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", StemPads(3)));

        var stageOutputs = new List<string>();
        int deepest = backbone.Descriptor.Layers.Max(l => ResNetBackbone.StageNames.ToList().IndexOf(l));
        for (int stage = 0; stage <= deepest; stage++)
        {
            for (int block = 0; block < architecture.BlocksPerStage[stage]; block++)
            {
                string prefix = $"layer{stage + 1}.{block}";
                long stride = stage > 0 && block == 0 ? 2 : 1;
                features = Block(graph, weights, prefix, features, stride, architecture.UsesBottleneck);
            }
            stageOutputs.Add(features);
        }
        return backbone.Descriptor.Layers.Select(l => stageOutputs[ResNetBackbone.StageNames.ToList().IndexOf(l)]).ToArray();
    }

    private static string AddNormalization(OnnxGraphBuilder graph, nn.Module<Tensor, Tensor> normalization, string image, int height, int width)
    {
        switch (normalization)
        {
            case ImageNetNormalization:
                var buffers = normalization.named_buffers().ToDictionary(b => b.name, b => b.buffer);
                var centred = graph.Node("Sub", "normalize/centred", [image, graph.Constant("normalize/mean", buffers["mean"])]);
                return graph.Node("Div", "normalize", [centred, graph.Constant("normalize/std", buffers["std"])]);
            case MeanImageNormalization:
                // RGB in [0, 1] to BGR in [0, 255] minus the mean image at the input size, which the module itself
                // subtracts from an all-zero image.
                using (var scope = NewDisposeScope())
                using (var noGrad = no_grad())
                {
                    var device = normalization.buffers().First().device;
                    var meanImage = normalization.call(zeros(1, 3, height, width, device: device)).neg();
                    var bgr = graph.Node("Gather", "normalize/bgr", [image, graph.Constant("normalize/bgr_order", [2L, 1L, 0L], 3)], Int("axis", 1));
                    var scaled = graph.Node("Mul", "normalize/scaled", [bgr, graph.Constant("normalize/255", [255f])]);
                    return graph.Node("Sub", "normalize", [scaled, graph.Constant("normalize/mean_image", meanImage)]);
                }
            default:
                throw new NotSupportedException(
                    $"ONNX export supports the ImageNet mean/std and ResNet18.onnx mean-image normalisations; '{normalization.GetType().FullName}' is not one of them.");
        }
    }

    // torchvision's BasicBlock (stride on conv1) or Bottleneck (stride on conv2), with the optional downsample.
    private static string Block(OnnxGraphBuilder graph, Dictionary<string, Tensor> weights, string prefix, string input, long stride, bool bottleneck)
    {
        string output;
        if (bottleneck)
        {
            output = ConvBatchNorm(graph, weights, $"{prefix}.conv1", $"{prefix}.bn1", input, 1, null, relu: true);
            output = ConvBatchNorm(graph, weights, $"{prefix}.conv2", $"{prefix}.bn2", output, stride, null, relu: true);
            output = ConvBatchNorm(graph, weights, $"{prefix}.conv3", $"{prefix}.bn3", output, 1, null, relu: false);
        }
        else
        {
            output = ConvBatchNorm(graph, weights, $"{prefix}.conv1", $"{prefix}.bn1", input, stride, null, relu: true);
            output = ConvBatchNorm(graph, weights, $"{prefix}.conv2", $"{prefix}.bn2", output, 1, null, relu: false);
        }
        var identity = weights.ContainsKey($"{prefix}.downsample.0.weight")
            ? ConvBatchNorm(graph, weights, $"{prefix}.downsample.0", $"{prefix}.downsample.1", input, stride, null, relu: false)
            : input;
        var sum = graph.Node("Add", $"{prefix}/residual", [output, identity]);
        return graph.Node("Relu", prefix, [sum]);
    }

    // A bias-free convolution (pads kernel/2 on every side unless given) followed by BatchNorm and optionally ReLU.
    private static string ConvBatchNorm(OnnxGraphBuilder graph, Dictionary<string, Tensor> weights, string conv, string norm,
        string input, long stride, long[]? pads, bool relu)
    {
        var weight = weights[$"{conv}.weight"];
        long kernel = weight.shape[2];
        pads ??= [kernel / 2, kernel / 2, kernel / 2, kernel / 2];
        var convolved = graph.Node("Conv", conv, [input, graph.Constant($"{conv}.weight", weight)],
            Ints("kernel_shape", kernel, kernel), Ints("strides", stride, stride), Ints("pads", pads));
        var normalized = graph.Node("BatchNormalization", norm,
            [convolved, .. new[] { "weight", "bias", "running_mean", "running_var" }.Select(p => graph.Constant($"{norm}.{p}", weights[$"{norm}.{p}"]))],
            Float("epsilon", (float)BatchNormEpsilon));
        return relu ? graph.Node("Relu", $"{conv}/relu", [normalized]) : normalized;
    }
}
