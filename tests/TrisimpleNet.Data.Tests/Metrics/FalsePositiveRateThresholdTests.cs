using TrisimpleNet.Data.Metrics;
using TrisimpleNet.Data.Tests.Fixtures;

namespace TrisimpleNet.Data.Tests.Metrics;

public class FalsePositiveRateThresholdTests
{
    [Theory]
    [MemberData(nameof(FalsePositiveRateThresholdFixture.Names), MemberType = typeof(FalsePositiveRateThresholdFixture))]
    public void Equals_the_lowest_normal_score_whose_flagged_fraction_is_within_the_rate(string fixtureName)
    {
        FalsePositiveRateThresholdFixture fixture = FalsePositiveRateThresholdFixture.Named(fixtureName);

        double[] thresholds = fixture.Rates.Select(rate => FalsePositiveRateThreshold.Compute(fixture.NormalScores, rate)).ToArray();

        Assert.Equal(fixture.Thresholds, thresholds);
    }

    [Fact]
    public void A_rate_of_zero_gives_the_next_double_above_the_highest_normal_score()
    {
        Assert.Equal(Math.BitIncrement(0.5), FalsePositiveRateThreshold.Compute([0.25, 0.5], 0.0));
    }

    [Fact]
    public void A_rate_of_one_gives_the_lowest_normal_score()
    {
        Assert.Equal(0.25, FalsePositiveRateThreshold.Compute([0.5, 0.25, 0.75], 1.0));
    }

    [Fact]
    public void A_rate_outside_zero_to_one_is_rejected_naming_the_rate()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FalsePositiveRateThreshold.Compute([0.5], 1.5));

        Assert.Equal("falsePositiveRate", error.ParamName);
    }

    [Fact]
    public void No_normal_scores_are_rejected_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() => FalsePositiveRateThreshold.Compute(ReadOnlySpan<double>.Empty, 0.1));

        Assert.Equal("normalScores", error.ParamName);
    }
}
