using TorchSharp;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Discriminators;
using static TorchSharp.torch;

namespace TrisimpleNet.Inference;

/// <summary>
/// The trained adaptor and discriminator folded into fewer, smaller matrix products for inference. In eval mode the
/// adaptor (W_a x + b_a), the first linear layer (W_1 h + b_1) and BatchNorm (scale s = gamma / sqrt(var + eps),
/// shift beta - s * mean) are one affine map: s * (W_1 W_a) x + s * (W_1 b_a + b_1 - mean) + beta. That replaces a
/// width x width and a width x hidden product by one width x hidden product; later blocks fold their BatchNorm alike.
/// The scores equal the unfolded network's up to float rounding (folded in float64). The products run in the
/// discriminator's precision, <see cref="ComputePrecision.Auto"/> resolved for this CPU when the head is folded.
/// </summary>
internal sealed class FoldedScoringHead : IDisposable
{
    private readonly List<(Tensor Weight, Tensor Bias)> _layers = [];
    private readonly Tensor _tail;
    private readonly double _negativeSlope;
    private readonly ScalarType _computeType;
    private readonly bool _activateLayers;

    private FoldedScoringHead(Tensor tail, double negativeSlope, ScalarType computeType, bool activateLayers)
    {
        _tail = tail;
        _negativeSlope = negativeSlope;
        _computeType = computeType;
        _activateLayers = activateLayers;
    }

    /// <summary>
    /// Folds the built-in adaptor and discriminator; null when either is a custom part. The folded tensors belong to
    /// the head (outside any dispose scope) until <see cref="Dispose"/>.
    /// </summary>
    public static FoldedScoringHead? TryFold(IFeatureAdaptor adaptor, IDiscriminator discriminator, double batchNormEpsilon = 1e-5)
    {
        if (adaptor is not LinearFeatureAdaptor linearAdaptor || discriminator is not MlpDiscriminator mlp) return null;
        using var noGrad = no_grad();
        // Every temporary in the scope, so that no collection can free one while libtorch reads it.
        using var scope = NewDisposeScope();
        var blocks = mlp.Blocks.ToList();
        // Without hidden blocks the score layer reads the adaptor's output directly, with no activation between.
        var head = new FoldedScoringHead(mlp.TailWeight.detach().clone().DetachFromDisposeScope(), mlp.NegativeSlope,
            MixedPrecision.ScalarTypeOf(mlp.Precision), activateLayers: blocks.Count > 0);
        // Before the first block, "hidden = W x + b" is the adaptor itself.
        var weight = linearAdaptor.Weight.to(ScalarType.Float64);
        var bias = linearAdaptor.Bias?.to(ScalarType.Float64) ?? zeros(weight.shape[0], dtype: ScalarType.Float64, device: weight.device);
        if (blocks.Count == 0)
        {
            head._layers.Add((weight.to(ScalarType.Float32).DetachFromDisposeScope(), bias.to(ScalarType.Float32).DetachFromDisposeScope()));
            return head;
        }
        bool first = true;
        using Scalar epsilon = batchNormEpsilon, one = 1;
        foreach (var (linear, norm) in blocks)
        {
            var linearWeight = linear.weight!.to(ScalarType.Float64);
            var linearBias = linear.bias!.to(ScalarType.Float64);
            var composedWeight = first ? linearWeight.matmul(weight) : linearWeight;
            var composedBias = first ? linearWeight.matmul(bias).add(linearBias, one) : linearBias;
            var scale = norm.weight!.to(ScalarType.Float64) / (norm.running_var!.to(ScalarType.Float64) + epsilon).sqrt();
            var foldedWeight = composedWeight * scale.unsqueeze(1);
            var foldedBias = ((composedBias - norm.running_mean!.to(ScalarType.Float64)) * scale).add(norm.bias!.to(ScalarType.Float64), one);
            // Stored in the compute precision, so that a bfloat16 head does not convert its weights on every call.
            head._layers.Add((foldedWeight.to(head._computeType).DetachFromDisposeScope(), foldedBias.to(ScalarType.Float32).DetachFromDisposeScope()));
            first = false;
        }
        return head;
    }

    /// <summary>Anomaly scores -D(A(x)) of feature rows (M x width): M scores, float32.</summary>
    public Tensor Score(Tensor rows)
    {
        using var noGrad = no_grad();
        var scores = empty(rows.shape[0], dtype: ScalarType.Float32, device: rows.device);
        using Scalar negativeSlope = _negativeSlope;
        // Row blocks keep the hidden activations (block x hidden) in cache between the product, the activation and
        // the score layer, instead of writing and re-reading one M x hidden tensor.
        for (long start = 0; start < rows.shape[0]; start += RowsPerBlock)
        {
            using var scope = NewDisposeScope();
            long count = Math.Min(RowsPerBlock, rows.shape[0] - start);
            var hidden = rows.narrow(0, start, count);
            foreach (var (weight, bias) in _layers)
            {
                hidden = MixedPrecision.Linear(hidden, weight, bias, _computeType);
                if (_activateLayers) hidden = hidden.leaky_relu_(negativeSlope);
            }
            scores.narrow(0, start, count).copy_(nn.functional.linear(hidden, _tail).reshape(-1).neg_());
        }
        return scores;
    }

    private const long RowsPerBlock = 2048;

    public void Dispose()
    {
        foreach (var (weight, bias) in _layers)
        {
            weight.Dispose();
            bias.Dispose();
        }
        _tail.Dispose();
    }
}
