using TrisimpleNet.Core.Tests.Reliability;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

/// <summary>The average's arithmetic and its effect on training; resuming with it is in <see cref="CheckpointTests"/>.</summary>
public sealed class WeightAverageTests
{
    [Fact]
    public void TheAverageFollowsTheDecayWithItsWarmUpAndCopiesIntegerBuffers()
    {
        using var scope = NewDisposeScope();
        using var discriminator = new MlpDiscriminator(4, 8);
        var weight = discriminator.Blocks.First().Linear.weight!;
        var steps = discriminator.Blocks.First().Norm.num_batches_tracked!;
        double expected = weight[0, 0].item<float>();
        using var average = new WeightAverage([discriminator], decay: 0.9);

        // Warm-up decays (1 + t) / (10 + t): 0.1, 0.1818..., 0.25, then the decay's 0.9 caps later ones (not reached here).
        foreach (var (value, decay) in new[] { (1.0, 0.1), (2.0, 2.0 / 11), (4.0, 0.25) })
        {
            using (no_grad()) weight[0, 0] = tensor((float)value);
            steps.fill_(7);
            average.Update();
            expected = decay * expected + (1 - decay) * value;
        }
        average.CopyIntoModules();

        // A tolerance, not rounding to 5 places: float32 storage moves the value by about 1e-7, which flips the
        // rounding whenever the random initial weight puts it near a half-way point.
        Assert.Equal(expected, weight[0, 0].item<float>(), tolerance: 1e-5);
        Assert.Equal(7, steps.item<long>());
    }

    [Theory]
    [InlineData(1.0, 12, 1 - 1.0 / 12)]
    [InlineData(0.5, 12, 1 - 1.0 / 6)]
    [InlineData(0.01, 12, 0)]
    public void TheDecayGivesAHorizonOfTheEpochsSteps(double epochs, long stepsPerEpoch, double decay) =>
        Assert.Equal(decay, WeightAverage.DecayFor(epochs, stepsPerEpoch), 12);

    [Fact]
    public void AnAverageOverLessThanOneStepIsTheLastWeightsAndALongerOneIsNot()
    {
        using var plain = CheckpointRuns.TrainUninterrupted();
        using var lastStepOnly = CheckpointRuns.TrainUninterrupted(weightAveragingEpochs: 0.01);
        using var averaged = CheckpointRuns.TrainUninterrupted(weightAveragingEpochs: 1);

        Assert.Equal(CheckpointRuns.Scores(plain), CheckpointRuns.Scores(lastStepOnly));
        Assert.NotEqual(CheckpointRuns.Scores(plain), CheckpointRuns.Scores(averaged));
        // The epoch reports describe the last weights, which averaging does not change.
        Assert.Equal(CheckpointRuns.History(plain), CheckpointRuns.History(averaged));
    }
}
