using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

public class EarlyStoppingTests
{
    // Constant normal features against heavy noise: the discriminator separates them within a few epochs.
    private static IReadOnlyList<TrainingProgress> Train(int? patience, double share, int epochs)
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.EmbeddingWidth = options.LayerEmbeddingWidth = 8;
        options.DiscriminatorHiddenWidth = 16;
        options.NoiseScale = NoiseScale.Absolute;
        options.FakeAnomalySigma = 1;
        options.FakeNormalSigma = 0.01;
        options.AdaptorLearningRate = options.DiscriminatorLearningRate = 1e-2;
        (options.PositiveThreshold, options.NegativeThreshold) = (0.5, -0.5); // the paper's: scores reach them
        (options.Epochs, options.TrainingSteps) = (epochs, null); // exactly `epochs`, not the preset's step budget
        options.EarlyStoppingPatience = patience;
        options.EarlyStoppingShare = share;
        using var cache = new FeatureCache(full([16, 4, 4, 8], 0.5f));
        using var generator = new Generator(7);
        var parts = DefaultParts.ForTraining(options, 8, featureSpread: 1, generator);
        using var adaptor = parts.Adaptor.Network;
        using var discriminator = parts.Discriminator.Network;
        return new Trainer(options, parts, CPU).Train(cache, null, CancellationToken.None);
    }

    private static bool AtShare(TrainingProgress report, double share) =>
        report.NormalAboveThreshold >= share && report.FakeBelowThreshold >= share;

    [Fact]
    public void StopsAfterPatienceEpochsAtTheShare()
    {
        const int patience = 3;
        const double share = 0.9;
        var history = Train(patience, share, epochs: 200);

        Assert.True(history.Count < 200, $"training ran all {history.Count} epochs");
        Assert.All(history.TakeLast(patience), report => Assert.True(AtShare(report, share)));
        // Stopped at the first run of `patience` epochs at the share, not later.
        int firstRunEnd = Enumerable.Range(patience - 1, history.Count - patience + 1)
            .First(end => Enumerable.Range(end - patience + 1, patience).All(i => AtShare(history[i], share)));
        Assert.Equal(history.Count - 1, firstRunEnd);
    }

    [Fact]
    public void WithoutPatienceAllEpochsRun()
    {
        Assert.Equal(12, Train(patience: null, share: 0.9, epochs: 12).Count);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void ShareOutsideZeroToOneIsNamed(double share)
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.EarlyStoppingShare = share;
        var result = new TrisimpleNetOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("EarlyStoppingShare", result.FailureMessage);
    }
}
