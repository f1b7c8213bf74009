using TrisimpleNet.Data.Statistics;

namespace TrisimpleNet.Data.Tests.Statistics;

/// <summary>The t-interval over repeats against values computed by hand.</summary>
public sealed class StudentTIntervalTests
{
    [Fact]
    public void ThreeValuesUseTheTQuantileWithTwoDegreesOfFreedom()
    {
        // Mean 2, sample standard deviation 1, t(0.975, 2) = 4.302653: half width 4.302653 / sqrt(3) = 2.484138.
        var interval = StudentTInterval.Compute([1.0, 2.0, 3.0]);

        Assert.Equal(2, interval.Estimate, 12);
        Assert.Equal(2 - 2.484138, interval.Lower, 5);
        Assert.Equal(2 + 2.484138, interval.Upper, 5);
        Assert.Equal(0.95, interval.Level);
    }

    [Fact]
    public void ANinetyPercentIntervalOfFiveValuesUsesFourDegreesOfFreedom()
    {
        // Mean 0.9, s = sqrt(0.025 / 4) = 0.0790569, t(0.95, 4) = 2.131847: half width 2.131847 x 0.0790569 / sqrt(5).
        var interval = StudentTInterval.Compute([0.8, 0.85, 0.9, 0.95, 1.0], level: 0.90);

        double halfWidth = 2.131847 * 0.0790569 / Math.Sqrt(5);
        Assert.Equal(0.9 - halfWidth, interval.Lower, 5);
        Assert.Equal(0.9 + halfWidth, interval.Upper, 5);
    }

    [Fact]
    public void OneValueHasNoInterval()
    {
        var error = Assert.Throws<ArgumentException>(() => StudentTInterval.Compute([0.5]));

        Assert.Contains("at least two values", error.Message);
    }
}
