using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

public class TrainingStepsTests
{
    private static TrisimpleNetOptions Options(int? steps, int epochs)
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.TrainingSteps = steps;
        options.Epochs = epochs;
        return options;
    }

    [Theory]
    // KolektorSDD's validation split (168 images, batch 4), the surfaces (40) and tiles (39) of study 17.
    [InlineData(320, 64, 42, 8)]
    [InlineData(320, 64, 10, 32)]
    [InlineData(160, 64, 42, 4)]
    // Halfway rounds up; never past the cap; at least one epoch however long an epoch is.
    [InlineData(100, 64, 40, 3)]
    [InlineData(320, 20, 10, 20)]
    [InlineData(320, 64, 1500, 1)]
    public void EpochsAreTheWholeNumberNearestToTheSteps(int steps, int epochs, long stepsPerEpoch, int expected)
    {
        Assert.Equal(expected, Trainer.EpochCount(Options(steps, epochs), stepsPerEpoch));
    }

    [Fact]
    public void WithoutStepsTheEpochsAreTrained()
    {
        Assert.Equal(12, Trainer.EpochCount(Options(null, 12), 42));
    }

    [Fact]
    public void TheTrainerRunsAndReportsThePlannedEpochs()
    {
        // 10 images in batches of 4: 3 steps an epoch, so 7 steps are 2 epochs.
        var options = Options(7, epochs: 50);
        options.EmbeddingWidth = options.LayerEmbeddingWidth = 8;
        options.DiscriminatorHiddenWidth = 16;
        options.EarlyStoppingPatience = null;
        using var cache = new FeatureCache(randn([10, 2, 2, 8], generator: new Generator(3)));
        using var generator = new Generator(7);
        var parts = DefaultParts.ForTraining(options, 8, featureSpread: 1, generator);
        using var adaptor = parts.Adaptor.Network;
        using var discriminator = parts.Discriminator.Network;

        var history = new Trainer(options, parts, CPU).Train(cache, null, CancellationToken.None);

        Assert.Equal(2, history.Count);
        Assert.All(history, report => Assert.Equal(2, report.Epochs));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void StepsBelowOneAreNamed(int steps)
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => TrisimpleNetOptionsValidator.ThrowIfInvalid(Options(steps, 8)));
        Assert.Contains("TrainingSteps", error.Message);
    }
}
