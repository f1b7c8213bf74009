using TorchSharp;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Losses;
using TrisimpleNet.Noise;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

public class FoldedTrainingPassTests
{
    private const int InputWidth = 10, Width = 12, Hidden = 8, Rows = 48;

    private sealed record Networks(LinearFeatureAdaptor Adaptor, MlpDiscriminator Discriminator) : IDisposable
    {
        public IEnumerable<(string Name, Tensor Parameter)> Parameters =>
            Adaptor.named_parameters().Select(p => ("adaptor." + p.name, (Tensor)p.parameter))
                .Concat(Discriminator.named_parameters().Select(p => ("discriminator." + p.name, (Tensor)p.parameter)));

        public void Dispose()
        {
            Adaptor.Dispose();
            Discriminator.Dispose();
        }
    }

    private static Networks Create(bool adaptorBias, int layers = 2, ComputePrecision precision = ComputePrecision.Float32)
    {
        using var generator = new Generator(9);
        var networks = new Networks(new LinearFeatureAdaptor(InputWidth, Width, adaptorBias, precision, generator),
            new MlpDiscriminator(Width, Hidden, layers, precision: precision, generator: generator));
        networks.Discriminator.train();
        return networks;
    }

    private static TrainingParts Parts(Networks networks, bool trisimpleNet, double fakeNormalSigma = 0.01) =>
        new(networks.Adaptor, networks.Discriminator, new GaussianNoise(0.3), trisimpleNet ? new GaussianNoise(fakeNormalSigma) : null,
            new TruncatedL1Loss(), trisimpleNet ? new TripletLoss() : null);

    // The pass written out from its definition: adapt, add the noises, score each pass's rows with one forward.
    private static Tensor Unfolded(Networks networks, TrainingParts parts, DiscriminatorPasses passes, Tensor normal, Generator generator)
    {
        var adapted = networks.Adaptor.forward(normal);
        var fakeAnomalies = parts.FakeAnomalyNoise.Perturb(adapted, generator);
        var discriminator = networks.Discriminator;
        if (parts.FakeNormalNoise is null)
            return discriminator.forward(cat([adapted, fakeAnomalies], 0)).reshape(2, -1);
        var fakeNormals = parts.FakeNormalNoise.Perturb(adapted, generator);
        return passes == DiscriminatorPasses.PerPair
            ? cat([discriminator.forward(cat([adapted, fakeAnomalies], 0)), discriminator.forward(cat([adapted, fakeNormals], 0))], 0).reshape(4, -1)
            : discriminator.forward(cat([adapted, fakeAnomalies, fakeNormals], 0)).reshape(3, -1);
    }

    [Theory]
    [InlineData(false, DiscriminatorPasses.Joint, true)]
    [InlineData(true, DiscriminatorPasses.Joint, true)]
    [InlineData(true, DiscriminatorPasses.PerPair, true)]
    [InlineData(true, DiscriminatorPasses.PerPair, false)]
    [InlineData(true, DiscriminatorPasses.Joint, false)]
    public void TheFoldedPassScoresAndTrainsAsTheUnfoldedOne(bool trisimpleNet, DiscriminatorPasses passes, bool adaptorBias)
    {
        using var scope = NewDisposeScope();
        var normal = randn([Rows, InputWidth], generator: new Generator(3));
        var lossWeights = rand([trisimpleNet ? (passes == DiscriminatorPasses.PerPair ? 4 : 3) : 2, Rows], generator: new Generator(4));
        using var folded = Create(adaptorBias);
        using var unfolded = Create(adaptorBias);
        var foldedParts = Parts(folded, trisimpleNet);

        var pass = FoldedTrainingPass.For(foldedParts, passes);
        Assert.NotNull(pass);
        var foldedScores = pass.Score(normal, new Generator(7));
        var unfoldedScores = Unfolded(unfolded, Parts(unfolded, trisimpleNet), passes, normal, new Generator(7));
        (foldedScores * lossWeights).sum().backward();
        (unfoldedScores * lossWeights).sum().backward();

        Assert.Equal(unfoldedScores.shape, foldedScores.shape);
        AssertClose(unfoldedScores, foldedScores, "scores");
        foreach (var ((name, expected), (_, actual)) in unfolded.Parameters.Zip(folded.Parameters))
            AssertClose(expected.grad!, actual.grad!, name);
        foreach (var ((name, expected), (_, actual)) in unfolded.Discriminator.named_buffers().Zip(folded.Discriminator.named_buffers()))
            AssertClose(expected, actual, name);
    }

    [Fact]
    public void InBFloat16TheFoldedPassKeepsTheFakeNormalsApartFromTheNormals()
    {
        using var scope = NewDisposeScope();
        // Features of scale 1 through a bfloat16 adaptor, fake normals 1.5e-4 away: far below bfloat16's resolution
        // of the adapted features, which a product of q' itself would round onto q.
        var normal = (1 + rand([Rows, InputWidth], generator: new Generator(3))).to(ScalarType.BFloat16);
        using var networks = Create(adaptorBias: true, precision: ComputePrecision.BFloat16);

        var scores = FoldedTrainingPass.For(Parts(networks, trisimpleNet: true, fakeNormalSigma: 1.5e-4), DiscriminatorPasses.PerPair)!
            .Score(normal, new Generator(7));
        using var pull = new TripletLoss(margin: 0, TripletTerms.PullOnly).Compute(new TripletScores(scores[0], scores[1], scores[2], scores[3]));

        Assert.True(pull.item<float>() > 0, "the pull term |D(q) - D(q')| is zero");
    }

    [Fact]
    public void PartsItCannotFoldAreLeftToTheUnfoldedPass()
    {
        using var scope = NewDisposeScope();
        using var oneLayer = Create(adaptorBias: true, layers: 1);
        using var twoLayers = Create(adaptorBias: true);
        var custom = Parts(twoLayers, trisimpleNet: true) with { FakeAnomalyNoise = new ShiftNoise() };

        Assert.Null(FoldedTrainingPass.For(Parts(oneLayer, trisimpleNet: true), DiscriminatorPasses.Joint));
        Assert.Null(FoldedTrainingPass.For(custom, DiscriminatorPasses.Joint));
        Assert.NotNull(FoldedTrainingPass.For(Parts(twoLayers, trisimpleNet: true), DiscriminatorPasses.Joint));
    }

    private sealed class ShiftNoise : INoiseGenerator
    {
        public Tensor Perturb(Tensor features, Generator generator) => features + 1;
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what) =>
        Assert.True(expected.to(ScalarType.Float64).allclose(actual.to(ScalarType.Float64), rtol: 1e-4, atol: 1e-5),
            $"{what} differ by up to {(expected.to(ScalarType.Float64) - actual.to(ScalarType.Float64)).abs().max().item<double>()}");
}
