using TrisimpleNet.Noise;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Parts;

public class NoiseTests
{
    [Fact]
    public void GaussianNoiseHasZeroMeanAndTheRequestedDeviation()
    {
        using var features = zeros(1000, 200);
        using var generator = new Generator(7, CPU);
        using var noisy = new GaussianNoise(0.015).Perturb(features, generator);
        Assert.Equal(0.0, noisy.mean().item<float>(), 4);
        Assert.Equal(0.015, noisy.std().item<float>(), 4);
    }

    [Fact]
    public void GaussianNoiseIsAddedToTheFeatures()
    {
        using var features = full(1000, 100, 3.0f);
        using var generator = new Generator(1, CPU);
        using var noisy = new GaussianNoise(0.00015).Perturb(features, generator);
        Assert.Equal(3.0, noisy.mean().item<float>(), 4);
        Assert.True((noisy - features).abs().max().item<float>() < 0.00015 * 7);
    }

    [Fact]
    public void TheSameGeneratorSeedGivesTheSameNoise()
    {
        using var features = zeros(10, 10);
        using var first = new Generator(3, CPU);
        using var second = new Generator(3, CPU);
        using var a = new GaussianNoise(1).Perturb(features, first);
        using var b = new GaussianNoise(1).Perturb(features, second);
        Assert.Equal(a.data<float>().ToArray(), b.data<float>().ToArray());
    }

    [Fact]
    public void NegativeOrNaNSigmaIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(-0.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(double.NaN));
    }

    [Fact]
    public void ZeroSigmaReturnsTheFeaturesUnchanged()
    {
        using var features = randn(4, 8);
        using var generator = new Generator(3, CPU);

        using var same = new GaussianNoise(0).Perturb(features, generator);

        Assert.Equal(features.data<float>().ToArray(), same.data<float>().ToArray());
    }
}
