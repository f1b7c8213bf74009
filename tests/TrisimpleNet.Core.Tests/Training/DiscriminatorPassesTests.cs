using TrisimpleNet.Losses;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

public class DiscriminatorPassesTests
{
    private static TrisimpleNetOptions Options(DiscriminatorPasses passes)
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.EmbeddingWidth = options.LayerEmbeddingWidth = 8;
        options.DiscriminatorHiddenWidth = 16;
        options.NoiseScale = NoiseScale.Absolute;
        options.FakeAnomalySigma = 1;
        options.FakeNormalSigma = 0.1;
        options.Epochs = 2;
        options.Precision = ComputePrecision.Float32;
        options.DiscriminatorPasses = passes;
        return options;
    }

    private static IReadOnlyList<TrainingProgress> Train(TrisimpleNetOptions options, ITripletLoss? triplet = null)
    {
        using var cache = new FeatureCache(randn([8, 4, 4, 8], generator: new Generator(3)));
        using var generator = new Generator(7);
        var parts = DefaultParts.ForTraining(options, 8, featureSpread: 1, generator);
        if (triplet is not null) parts = parts with { Triplet = triplet };
        using var adaptor = parts.Adaptor.Network;
        using var discriminator = parts.Discriminator.Network;
        return new Trainer(options, parts, CPU).Train(cache, null, CancellationToken.None);
    }

    [Fact]
    public void PerPairPassesTrainToOtherLossesThanOneJointPass()
    {
        var joint = Train(Options(DiscriminatorPasses.Joint));
        var perPair = Train(Options(DiscriminatorPasses.PerPair));

        Assert.Equal(2, perPair.Count);
        Assert.All(perPair, report => Assert.True(double.IsFinite(report.Loss)));
        // Same seed, same data: only BatchNorm's grouping differs, and with it every score.
        Assert.NotEqual(joint[0].TripletLoss, perPair[0].TripletLoss);
    }

    [Fact]
    public void PerPairPassesRefuseATripletLossThatIsNotTheBuiltInOne()
    {
        var error = Assert.Throws<NotSupportedException>(() => Train(Options(DiscriminatorPasses.PerPair), new HalfTripletLoss()));

        Assert.Contains("PerPair needs the built-in TripletLoss", error.Message);
        Assert.Contains(nameof(HalfTripletLoss), error.Message);
    }

    private sealed class HalfTripletLoss : ITripletLoss
    {
        public Tensor Compute(Tensor normalScores, Tensor fakeAnomalyScores, Tensor fakeNormalScores) =>
            (normalScores - fakeNormalScores).abs().mean() * 0.5;
    }
}
