using MathNet.Numerics.Distributions;

namespace TrisimpleNet.Data.Statistics;

/// <summary>
/// DeLong's variance of one AUROC (DeLong, DeLong and Clarke-Pearson 1988) from its structural components, computed
/// with midranks (Sun and Xu 2014), and the normal-approximation confidence interval AUROC +- z x sqrt(variance),
/// clipped to [0, 1]. A higher score means more anomalous; a true label marks an anomaly; a tie counts one half.
/// </summary>
public static class DeLongAuroc
{
    /// <summary>The AUROC and its DeLong variance.</summary>
    /// <exception cref="ArgumentException">Lengths differ, or fewer than two anomalous or two normal scores.</exception>
    public static (double Auroc, double Variance) Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        if (scores.Count != labels.Count)
            throw new ArgumentException($"There are {scores.Count} scores but {labels.Count} labels.", nameof(labels));
        var anomalous = scores.Where((_, i) => labels[i]).ToArray();
        var normal = scores.Where((_, i) => !labels[i]).ToArray();
        if (anomalous.Length < 2 || normal.Length < 2)
            throw new ArgumentException(
                $"DeLong's variance needs at least two anomalous and two normal scores (got {anomalous.Length} and {normal.Length}).", nameof(labels));

        var allRanks = MidRanks([.. anomalous, .. normal]);
        var anomalousRanks = MidRanks(anomalous);
        var normalRanks = MidRanks(normal);
        int m = anomalous.Length, n = normal.Length;
        // Structural components: the share of normals each anomaly outscores, and of anomalies each normal is outscored by.
        var anomalousComponents = Enumerable.Range(0, m).Select(i => (allRanks[i] - anomalousRanks[i]) / n).ToArray();
        var normalComponents = Enumerable.Range(0, n).Select(j => 1 - (allRanks[m + j] - normalRanks[j]) / m).ToArray();
        double auroc = anomalousComponents.Average();
        return (auroc, SampleVariance(anomalousComponents, auroc) / m + SampleVariance(normalComponents, auroc) / n);
    }

    /// <summary>The AUROC and its DeLong confidence interval at <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentException">As <see cref="Compute"/>.</exception>
    public static ConfidenceInterval Interval(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double level = 0.95)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie in (0, 1).");
        var (auroc, variance) = Compute(scores, labels);
        double halfWidth = Normal.InvCDF(0, 1, 1 - (1 - level) / 2) * Math.Sqrt(variance);
        return new ConfidenceInterval(auroc, Math.Max(0, auroc - halfWidth), Math.Min(1, auroc + halfWidth), level);
    }

    private static double SampleVariance(double[] values, double mean) =>
        values.Sum(value => (value - mean) * (value - mean)) / (values.Length - 1);

    // 1-based ranks, tied values sharing the mean of their ranks.
    private static double[] MidRanks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            double midRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) ranks[order[k]] = midRank;
            start = end + 1;
        }
        return ranks;
    }
}
