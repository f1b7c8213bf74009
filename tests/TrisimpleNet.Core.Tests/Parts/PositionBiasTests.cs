using TrisimpleNet.Scoring;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Parts;

/// <summary>The position bias keeps what every image scores at a position and shrinks away what is only noise.</summary>
public sealed class PositionBiasTests
{
    [Fact]
    public void TheEstimateIsTheCentredMeanShrunkByItsNoise()
    {
        // Means 0 and 3 (centred -1.5 and 1.5), variances 0 and 1, two images: noise of the means 0 and 0.5,
        // spread between positions 2.25 - 0.25 = 2, weights 2 / 2 and 2 / 2.5.
        using var scores = tensor(new float[] { 0, 2, 0, 4 }, [2, 1, 2]);
        using var biasOwner = new Owned(PositionBias.Estimate([scores]));
        var bias = biasOwner.Bias;
        Assert.Equal([-1.5f, 1.2f], bias.ToArray(), new FloatTolerance(1e-6f));
    }

    [Fact]
    public void APositionEveryImageScoresHighKeepsItsBiasAndPureNoiseIsShrunkAway()
    {
        using var generator = new Generator(7);
        using var noise = randn([20, 4, 4], generator: generator);
        using var highCorner = zeros(4, 4);
        highCorner[0, 0] = 10;
        using var withCorner = noise.add(highCorner);

        using var cornerBiasOwner = new Owned(PositionBias.Estimate([withCorner.narrow(0, 0, 8), withCorner.narrow(0, 8, 12)]));
        var cornerBias = cornerBiasOwner.Bias;
        using var others = cornerBias.Values.flatten().narrow(0, 1, 15);
        Assert.InRange(cornerBias.Values[0, 0].item<float>() - others.mean().item<float>(), 9.5f, 10.5f);

        using var noiseBiasOwner = new Owned(PositionBias.Estimate([noise]));
        var noiseBias = noiseBiasOwner.Bias;
        using var centred = noise.mean([0]).sub(noise.mean());
        Assert.True(noiseBias.Values.abs().max().item<float>() < 0.5f * centred.abs().max().item<float>(),
            "the means of pure noise should be shrunk toward zero");
    }

    [Fact]
    public void OneImageHasNoBias()
    {
        using var scores = tensor(new float[] { 0, 2, 5, 4 }, [1, 2, 2]);
        using var biasOwner = new Owned(PositionBias.Estimate([scores]));
        var bias = biasOwner.Bias;
        Assert.All(bias.ToArray(), value => Assert.Equal(0f, value));
    }

    [Fact]
    public void ScoresOfAnotherGridOrNoScoresAreRefused()
    {
        using var scores = zeros(3, 2, 2);
        using var biasOwner = new Owned(PositionBias.Estimate([scores]));
        var bias = biasOwner.Bias;
        using var wider = zeros(1, 2, 3);
        Assert.Contains("2 x 2 grid", Assert.Throws<ArgumentException>(() => bias.SubtractFrom(wider).Dispose()).Message);
        Assert.Throws<ArgumentException>(() => PositionBias.Estimate([scores, wider]).Dispose());
        Assert.Throws<ArgumentException>(() => PositionBias.Estimate([]).Dispose());
    }

    [Fact]
    public void SubtractingTakesTheBiasFromEveryImage()
    {
        using var scores = tensor(new float[] { 0, 2, 0, 4 }, [2, 1, 2]);
        using var biasOwner = new Owned(PositionBias.Estimate([scores]));
        var bias = biasOwner.Bias;
        using var subtracted = bias.SubtractFrom(scores);
        Assert.Equal([1.5f, 0.8f, 1.5f, 2.8f], subtracted.data<float>().ToArray(), new FloatTolerance(1e-6f));
    }

    // The detector owns a bias and frees it; here the test does.
    private sealed class Owned(PositionBias bias) : IDisposable
    {
        public PositionBias Bias => bias;

        public void Dispose() => bias.Dispose();
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float value) => 0;
    }
}
