using TorchSharp;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Discriminators;
using static TorchSharp.torch;
using static TrisimpleNet.Export.OnnxGraphBuilder;

namespace TrisimpleNet.Export;

/// <summary>
/// The adaptor and the discriminator (eval mode) as 1 x 1 convolutions over the feature grid, negated into anomaly
/// scores (eq. 3.14). As in <see cref="Inference.FoldedScoringHead"/>, the adaptor is folded into the first linear
/// layer (in float64); BatchNorms are written as nodes, which ONNX Runtime fuses into the preceding convolution on load.
/// </summary>
internal static class OnnxScoringHeadExport
{
    private const double BatchNormEpsilon = 1e-5;

    /// <summary>
    /// Adds the head on <paramref name="features"/>, whose channel j is feature <paramref name="columns"/>[j];
    /// returns the patch scores (N x 1 x h x w).
    /// </summary>
    public static string Add(OnnxGraphBuilder graph, IFeatureAdaptor adaptor, IDiscriminator discriminator, string features, long[] columns)
    {
        if (adaptor is not LinearFeatureAdaptor linearAdaptor)
            throw new NotSupportedException(
                $"ONNX export supports the built-in linear adaptor; the adaptor '{adaptor.GetType().FullName}' is a custom part.");
        if (discriminator is not MlpDiscriminator mlp)
            throw new NotSupportedException(
                $"ONNX export supports the built-in MLP discriminator; the discriminator '{discriminator.GetType().FullName}' is a custom part.");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var blocks = mlp.Blocks.ToList();

        // The first linear map after the adaptor: the first block's, or the score layer's when there are no blocks.
        var adaptorWeight = linearAdaptor.Weight.to(ScalarType.Float64);
        var adaptorBias = linearAdaptor.Bias?.to(ScalarType.Float64) ?? zeros(adaptorWeight.shape[0], dtype: ScalarType.Float64, device: adaptorWeight.device);
        var firstWeight = (blocks.Count > 0 ? blocks[0].Linear.weight! : mlp.TailWeight).to(ScalarType.Float64);
        var firstBias = blocks.Count > 0 ? blocks[0].Linear.bias!.to(ScalarType.Float64) : zeros(1, dtype: ScalarType.Float64, device: firstWeight.device);
        var composedWeight = firstWeight.matmul(adaptorWeight).index_select(1, tensor(columns, device: firstWeight.device));
        using Scalar one = 1;
        var composedBias = firstWeight.matmul(adaptorBias).add(firstBias, one);
        var hidden = Convolution1x1(graph, blocks.Count > 0 ? "head/block1" : "head/tail", features, composedWeight, composedBias);

        for (int i = 0; i < blocks.Count; i++)
        {
            var (linear, norm) = blocks[i];
            string name = $"head/block{i + 1}";
            if (i > 0) hidden = Convolution1x1(graph, name, hidden, linear.weight!, linear.bias);
            hidden = graph.Node("BatchNormalization", $"{name}/norm",
                [hidden, graph.Constant($"{name}/norm.weight", norm.weight!), graph.Constant($"{name}/norm.bias", norm.bias!),
                 graph.Constant($"{name}/norm.running_mean", norm.running_mean!), graph.Constant($"{name}/norm.running_var", norm.running_var!)],
                Float("epsilon", (float)BatchNormEpsilon));
            hidden = graph.Node("LeakyRelu", $"{name}/activation", [hidden], Float("alpha", (float)mlp.NegativeSlope));
        }
        var scores = blocks.Count > 0 ? Convolution1x1(graph, "head/tail", hidden, mlp.TailWeight, null) : hidden;
        return graph.Node("Neg", "patch_scores", [scores]);
    }

    private static string Convolution1x1(OnnxGraphBuilder graph, string name, string input, Tensor weight, Tensor? bias)
    {
        var inputs = new List<string> { input, graph.Constant($"{name}.weight", weight.reshape(weight.shape[0], weight.shape[1], 1, 1)) };
        if (bias is not null) inputs.Add(graph.Constant($"{name}.bias", bias));
        return graph.Node("Conv", name, inputs, Ints("kernel_shape", 1, 1));
    }
}
