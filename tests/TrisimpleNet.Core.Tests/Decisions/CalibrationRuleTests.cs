using TrisimpleNet.Decisions;

namespace TrisimpleNet.Core.Tests.Decisions;

/// <summary>Where a calibration rule puts the threshold among sorted normal scores.</summary>
public sealed class CalibrationRuleTests
{
    private static float[] OneTo(int n) => Enumerable.Range(1, n).Select(i => (float)i).ToArray();

    [Fact]
    public void AOnePercentRateLetsTwoOf200NormalScoresReachTheThreshold()
    {
        var scores = OneTo(200);
        float threshold = CalibrationRule.FalsePositiveRate(0.01).Threshold(scores, spread: 1);
        Assert.Equal(MathF.BitIncrement(198), threshold);
        Assert.Equal(2, scores.Count(score => score >= threshold));
    }

    [Fact]
    public void WithFewerScoresThanTheRateResolvesTheThresholdLiesJustAboveTheLargest()
    {
        float threshold = CalibrationRule.FalsePositiveRate(0.01).Threshold(OneTo(50), spread: 1);
        Assert.Equal(MathF.BitIncrement(50), threshold);
    }

    [Fact]
    public void MaxPlusMarginAddsStandardDeviations()
    {
        Assert.Equal(MathF.BitIncrement(56), CalibrationRule.MaxPlusMargin(3).Threshold(OneTo(50), spread: 2));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void ARateOutsideZeroToOneIsRefused(double rate)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CalibrationRule.FalsePositiveRate(rate));
        Assert.Equal("rate", error.ParamName);
    }
}
