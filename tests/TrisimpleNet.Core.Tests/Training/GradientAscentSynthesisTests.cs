using TrisimpleNet.Discriminators;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

public sealed class GradientAscentSynthesisTests
{
    [Fact]
    public void HardenedAnomaliesScoreHigherAndStayWithinTheRingAroundTheirNormals()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(3, CPU);
        using var discriminator = new MlpDiscriminator(16, 32, generator: generator);
        var normal = randn([64, 16], generator: generator);
        var noisy = normal.add(randn([64, 16], generator: generator));
        var initialLength = noisy.sub(normal).norm(1);

        var hardened = GradientAscentSynthesis.Harden(normal, noisy, discriminator, steps: 3);

        var length = hardened.sub(normal).norm(1).div(initialLength);
        Assert.True(length.min().item<float>() >= GradientAscentSynthesis.ShortestShare - 1e-4);
        Assert.True(length.max().item<float>() <= GradientAscentSynthesis.LongestShare + 1e-4);
        discriminator.eval();
        using (no_grad())
            Assert.True(discriminator.forward(hardened).mean().item<float>() > discriminator.forward(noisy).mean().item<float>());
        Assert.True(discriminator.training is false);
    }

    [Fact]
    public void OneStepFollowsTheTrainingModeGradientOfTheFakeAnomaliesScoredBesideTheirNormals()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5, CPU);
        using var discriminator = new MlpDiscriminator(8, 16, generator: generator);
        discriminator.train();
        var normal = randn([32, 8], generator: generator);
        var noisy = normal.add(randn([32, 8], generator: generator).mul(0.3));
        var moved = noisy.detach().clone().requires_grad_(true);
        var score = discriminator.forward(cat([normal, moved], 0)).narrow(0, 32, 32).sum();
        var gradient = autograd.grad([score], [moved])[0];
        var noise = noisy.sub(normal);
        var initialLength = noise.norm(1, keepdim: true);
        var offset = noise.add(gradient.div(gradient.norm(1, keepdim: true)).mul(initialLength).mul(GradientAscentSynthesis.StepShare));
        var length = offset.norm(1, keepdim: true);
        var expected = normal.add(offset.mul(length.clamp(initialLength.mul(GradientAscentSynthesis.ShortestShare),
            initialLength.mul(GradientAscentSynthesis.LongestShare)).div(length)));

        var hardened = GradientAscentSynthesis.Harden(normal, noisy, discriminator, steps: 1);

        Assert.True(hardened.allclose(expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void TheDiscriminatorKeepsItsModeAndItsBatchNormStatistics()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(4, CPU);
        using var discriminator = new MlpDiscriminator(8, 16, generator: generator);
        discriminator.train();
        var statistics = discriminator.buffers().Select(b => b.clone()).ToList();
        var normal = randn([32, 8], generator: generator);

        GradientAscentSynthesis.Harden(normal, normal.add(randn([32, 8], generator: generator)), discriminator, steps: 2);

        Assert.True(discriminator.training);
        Assert.All(discriminator.buffers().Zip(statistics), pair => Assert.True(pair.First.allclose(pair.Second, rtol: 0, atol: 0)));
    }

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(2, 1, false)]
    [InlineData(2, 2, true)] // the tiny detectors' own epochs and the option's default
    public void TheAscentHardensFromItsFirstEpochOn(int fromEpoch, int epochs, bool differsFromPlainNoise)
    {
        var options = Sharing.TinyDetectors.Options();
        options.Epochs = epochs;
        var plainOptions = options.Clone();
        options.FakeAnomalyAscentSteps = 1;
        options.FakeAnomalyAscentFromEpoch = fromEpoch;
        var training = Sharing.TinyDetectors.Images(6, 1);
        using var hardened = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).Train(training);
        using var plain = new AnomalyDetectorBuilder(plainOptions).WithBackbone(new TinyBackbone()).Train(training);
        var images = Sharing.TinyDetectors.Images(2, 7);

        float hardenedScore = hardened.Predict(images)[0].Score, plainScore = plain.Predict(images)[0].Score;

        Assert.Equal(differsFromPlainNoise, hardenedScore != plainScore);
    }
}
