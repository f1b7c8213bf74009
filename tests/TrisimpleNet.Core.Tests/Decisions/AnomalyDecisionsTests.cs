using TrisimpleNet.Decisions;

namespace TrisimpleNet.Core.Tests.Decisions;

/// <summary>The decision rule (&gt;=), the normalisation (monotone, 0.5 at the threshold) and the mask.</summary>
public sealed class AnomalyDecisionsTests
{
    private static readonly AnomalyDecisions Decisions = new(imageThreshold: 2, pixelThreshold: 1, imageScale: 0.5f, pixelScale: 0.25f);

    [Fact]
    public void AScoreEqualToTheThresholdIsAnomalous()
    {
        Assert.True(Decisions.IsAnomalous(2));
        Assert.False(Decisions.IsAnomalous(MathF.BitDecrement(2)));
    }

    [Fact]
    public void TheNormalisedScoreIsOneHalfAtTheThreshold()
    {
        Assert.Equal(0.5f, Decisions.NormalizeImageScore(2));
        Assert.Equal(0.5f, Decisions.NormalizeMap([1f])[0]);
    }

    [Fact]
    public void NormalisationKeepsTheOrderOfScores()
    {
        float[] scores = [-3, 0, 1.5f, 1.9f, 2, 2.1f, 3, 5];
        var normalized = scores.Select(Decisions.NormalizeImageScore).ToArray();
        Assert.Equal(normalized.Order(), normalized);
        Assert.Equal(scores.Length, normalized.Distinct().Count());
        Assert.All(normalized, value => Assert.InRange(value, 0, 1));
    }

    [Fact]
    public void TheMaskIsWhereTheMapReachesThePixelThreshold()
    {
        Assert.Equal([false, true, true, false], Decisions.Mask([0.5f, 1, 3, MathF.BitDecrement(1)]));
    }

    [Fact]
    public void APredictionDecidesWithTheSameRule()
    {
        var prediction = new AnomalyPrediction("part", 2, [0.5f, 1], 1, 2, Decisions);
        Assert.True(prediction.IsAnomalous);
        Assert.Equal(0.5f, prediction.NormalizedScore);
        Assert.Equal([false, true], prediction.Mask);
    }
}
