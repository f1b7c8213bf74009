using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace TrisimpleNet.Data.Statistics;

/// <summary>
/// The t-interval of a mean over a few independent repeats (for example seeds): mean +- t(1 - (1 - level) / 2, n - 1)
/// x s / sqrt(n), with s the sample standard deviation.
/// </summary>
public static class StudentTInterval
{
    /// <summary>The mean of <paramref name="values"/> and its confidence interval.</summary>
    /// <exception cref="ArgumentException">Fewer than two values, or a level outside (0, 1).</exception>
    public static ConfidenceInterval Compute(IReadOnlyList<double> values, double level = 0.95)
    {
        if (values.Count < 2)
            throw new ArgumentException($"A t-interval needs at least two values, not {values.Count}.", nameof(values));
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie in (0, 1).");
        double mean = values.Mean();
        double variance = values.Variance();
        double quantile = StudentT.InvCDF(0, 1, values.Count - 1, 1 - (1 - level) / 2);
        double halfWidth = quantile * Math.Sqrt(variance / values.Count);
        return new ConfidenceInterval(mean, mean - halfWidth, mean + halfWidth, level);
    }
}
