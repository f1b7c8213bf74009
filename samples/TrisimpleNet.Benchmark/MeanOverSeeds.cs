using TrisimpleNet.Data.Statistics;

namespace TrisimpleNet.Benchmark;

/// <summary>The mean of one measure over seeds, with its 95% t-interval (null bounds with a single seed).</summary>
public sealed record MeanOverSeeds(double Mean, double? Lower, double? Upper)
{
    public static MeanOverSeeds Of(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return new MeanOverSeeds(values.Average(), null, null);
        var interval = StudentTInterval.Compute(values);
        return new MeanOverSeeds(interval.Estimate, interval.Lower, interval.Upper);
    }
}
