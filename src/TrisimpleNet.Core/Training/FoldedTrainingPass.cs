using TrisimpleNet.Adaptors;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Noise;
using static TorchSharp.torch;

namespace TrisimpleNet.Training;

/// <summary>
/// The training pass's scores with the linear adaptor folded into the discriminator's first layer. With
/// q = A x + a, q- = q + n- and q' = q + n', the first layer's rows W q + b are (W A) x + (W a + b), plus W n for the
/// noisy ones: the same function, computed as X (W A)^T and N W^T. The batch's row products then never have the
/// adaptor's width on both sides, and backward needs no gradient with respect to q: with SimpleNet's faithful widths
/// (1536 / 1536 / 1024) a step multiplies 4 instead of 9 discriminator-sized row products; W A and its gradients are
/// products of the weights alone. The noise is drawn as the noise generators draw it, so a seed gives the same
/// noise as the unfolded pass, and the scores differ from it only by rounding.
/// </summary>
internal sealed class FoldedTrainingPass
{
    private readonly LinearFeatureAdaptor _adaptor;
    private readonly MlpDiscriminator _discriminator;
    private readonly GaussianNoise _fakeAnomalyNoise;
    private readonly GaussianNoise? _fakeNormalNoise;
    private readonly DiscriminatorPasses _passes;

    private FoldedTrainingPass(LinearFeatureAdaptor adaptor, MlpDiscriminator discriminator, GaussianNoise fakeAnomalyNoise,
        GaussianNoise? fakeNormalNoise, DiscriminatorPasses passes)
    {
        (_adaptor, _discriminator, _fakeAnomalyNoise, _fakeNormalNoise, _passes) = (adaptor, discriminator, fakeAnomalyNoise, fakeNormalNoise, passes);
    }

    /// <summary>
    /// The folded pass for <paramref name="parts"/>, or null when they are not the built-in linear adaptor, Gaussian
    /// noises and an MLP discriminator with a hidden block, all in one precision.
    /// </summary>
    public static FoldedTrainingPass? For(TrainingParts parts, DiscriminatorPasses passes) => parts switch
    {
        {
            Adaptor: LinearFeatureAdaptor adaptor,
            Discriminator: MlpDiscriminator { FirstLinear: not null } discriminator,
            FakeAnomalyNoise: GaussianNoise fakeAnomalyNoise,
            FakeNormalNoise: null or GaussianNoise,
        } when MixedPrecision.ScalarTypeOf(adaptor.Precision) == MixedPrecision.ScalarTypeOf(discriminator.Precision)
            => new(adaptor, discriminator, fakeAnomalyNoise, parts.FakeNormalNoise as GaussianNoise, passes),
        _ => null,
    };

    /// <summary>
    /// The scores of the normal rows of <paramref name="normal"/> (backbone features, one row per position), their
    /// fake anomalies and (TrisimpleNet) fake normals, in the rows the unfolded pass returns: normal, fake anomalies
    /// then fake normals for one joint pass; normal and fake anomalies, then normal and fake normals, for per-pair passes.
    /// </summary>
    public Tensor Score(Tensor normal, Generator generator)
    {
        var computeType = MixedPrecision.ScalarTypeOf(_discriminator.Precision);
        var first = _discriminator.FirstLinear!;
        var weight = first.weight!;
        var composite = MixedPrecision.Linear(_adaptor.Weight.t(), weight, null, computeType).t();
        var compositeBias = (_adaptor.Bias, first.bias) switch
        {
            ({ } adaptorBias, { } bias) => addmv(bias, weight, adaptorBias, beta: 1, alpha: 1),
            ({ } adaptorBias, null) => mv(weight, adaptorBias),
            (null, var bias) => bias,
        };
        var normalProducts = MixedPrecision.Linear(normal, composite, compositeBias, computeType);
        long[] noiseShape = [normal.shape[0], _adaptor.Weight.shape[0]];
        var fakeAnomalyProducts = NoisyProducts(normalProducts, weight, _fakeAnomalyNoise, noiseShape, computeType, generator);
        if (_fakeNormalNoise is null)
            return _discriminator.ScoreFirstProducts(cat([normalProducts, fakeAnomalyProducts], 0)).reshape(2, -1);
        var fakeNormalProducts = NoisyProducts(normalProducts, weight, _fakeNormalNoise, noiseShape, computeType, generator);
        if (_passes == DiscriminatorPasses.PerPair)
            return cat([
                _discriminator.ScoreFirstProducts(cat([normalProducts, fakeAnomalyProducts], 0)),
                _discriminator.ScoreFirstProducts(cat([normalProducts, fakeNormalProducts], 0)),
            ], 0).reshape(4, -1);
        return _discriminator.ScoreFirstProducts(cat([normalProducts, fakeAnomalyProducts, fakeNormalProducts], 0)).reshape(3, -1);
    }

    // W (q + n) + b = (W q + b) + W n, with n drawn as the generator's Perturb draws it for adapted (float32) rows.
    private static Tensor NoisyProducts(Tensor normalProducts, Tensor weight, GaussianNoise noise, long[] shape, ScalarType computeType, Generator generator)
    {
        using var drawn = noise.Draw(shape, ScalarType.Float32, normalProducts.device, generator);
        return MixedPrecision.AddLinear(normalProducts, drawn, weight, computeType);
    }
}
