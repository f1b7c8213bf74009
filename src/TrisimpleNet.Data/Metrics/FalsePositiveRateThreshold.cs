namespace TrisimpleNet.Data.Metrics;

/// <summary>
/// The lowest threshold at which at most a chosen fraction of normal samples is flagged anomalous
/// (a sample is anomalous when its score is at least the threshold, as for <see cref="F1Max"/>).
/// </summary>
public static class FalsePositiveRateThreshold
{
    /// <summary>
    /// The lowest normal score t with #(normal scores ≥ t) / count ≤ <paramref name="falsePositiveRate"/>;
    /// when even the highest normal score is too frequent for that, the next double above it, which flags no normal sample.
    /// </summary>
    public static double Compute(ReadOnlySpan<double> normalScores, double falsePositiveRate)
    {
        if (normalScores.IsEmpty)
        {
            throw new ArgumentException("At least one normal score is needed.", nameof(normalScores));
        }

        if (!(falsePositiveRate >= 0 && falsePositiveRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(falsePositiveRate), falsePositiveRate, "The false-positive rate must lie in [0, 1].");
        }

        ScoreRun<long>[] runs = SortedScoreRuns.Descending(normalScores, new bool[normalScores.Length]);
        double threshold = Math.BitIncrement(runs[0].Score);
        long flagged = 0;
        foreach (ScoreRun<long> run in runs)
        {
            flagged += run.Negatives;
            if ((double)flagged / normalScores.Length > falsePositiveRate)
            {
                break;
            }

            threshold = run.Score;
        }

        return threshold;
    }

    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, double)"/>
    public static double Compute(ReadOnlySpan<float> normalScores, double falsePositiveRate) =>
        Compute(ScoreConversion.ToDouble(normalScores), falsePositiveRate);
}
