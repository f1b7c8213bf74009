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
    public void ACustomTripletLossGetsTheSecondPassNormalScoresWithPerPairPasses()
    {
        var perPair = new RecordingTripletLoss();
        var joint = new RecordingTripletLoss();

        Train(Options(DiscriminatorPasses.PerPair), perPair);
        Train(Options(DiscriminatorPasses.Joint), joint);

        // 2 epochs of 2 steps (8 images, batch 4).
        Assert.Equal(4, perPair.NormalScoreGaps.Count);
        Assert.All(perPair.NormalScoreGaps, gap => Assert.True(gap > 1e-3, $"the two passes' D(q) differ by only {gap}"));
        Assert.All(joint.NormalScoreGaps, gap => Assert.Equal(0, gap));
    }

    [Fact]
    public void TheResNet18PresetUsesPerPairPassesAndThePaperOneJointPass()
    {
        Assert.Equal(DiscriminatorPasses.PerPair, TrisimpleNetOptions.ResNet18().DiscriminatorPasses);
        Assert.Equal(DiscriminatorPasses.Joint, TrisimpleNetOptions.Paper().DiscriminatorPasses);
    }

    /// <summary>Pulls fake normals onto normals, and records how far the two D(q) it was given lie apart.</summary>
    private sealed class RecordingTripletLoss : ITripletLoss
    {
        public List<double> NormalScoreGaps { get; } = [];

        public Tensor Compute(TripletScores scores)
        {
            using (no_grad())
                NormalScoreGaps.Add((scores.Normal - scores.NormalBesideFakeNormals).abs().max().item<float>());
            return (scores.NormalBesideFakeNormals - scores.FakeNormals).abs().mean();
        }
    }
}
