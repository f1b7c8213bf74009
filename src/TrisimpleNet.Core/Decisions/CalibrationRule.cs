namespace TrisimpleNet.Decisions;

/// <summary>
/// Where a threshold goes among the scores of defect-free images: at a target false-positive rate, or above the
/// largest score by a margin. Either way a score at or above the threshold is anomalous.
/// </summary>
public sealed class CalibrationRule
{
    private readonly double _falsePositiveRate;
    private readonly double _margin;

    private CalibrationRule(double falsePositiveRate, double margin)
    {
        _falsePositiveRate = falsePositiveRate;
        _margin = margin;
    }

    /// <summary>
    /// The lowest threshold at which at most floor(<paramref name="rate"/> x n) of the n normal scores are at or above
    /// it. With fewer than 1 / rate scores that is none: the threshold lies just above the largest normal score.
    /// </summary>
    public static CalibrationRule FalsePositiveRate(double rate)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "The target false-positive rate must be at least 0 and below 1.");
        return new(rate, 0);
    }

    /// <summary>Just above the largest normal score plus <paramref name="margin"/> standard deviations of the normal scores.</summary>
    public static CalibrationRule MaxPlusMargin(double margin)
    {
        if (!(margin >= 0) || double.IsInfinity(margin)) throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be a finite number of standard deviations, at least 0.");
        return new(0, margin);
    }

    /// <summary>The threshold for <paramref name="sortedScores"/> (ascending, at least one) with standard deviation <paramref name="spread"/>.</summary>
    internal float Threshold(ReadOnlySpan<float> sortedScores, double spread)
    {
        int n = sortedScores.Length;
        int allowed = (int)Math.Floor(_falsePositiveRate * n);
        float highestNormal = sortedScores[n - 1 - allowed];
        // Strictly above the highest score that must stay normal, since a score equal to the threshold is anomalous.
        return MathF.BitIncrement((float)(highestNormal + _margin * spread));
    }

    /// <inheritdoc />
    public override string ToString() => _margin > 0 ? $"max + {_margin} sd" : $"false-positive rate {_falsePositiveRate}";
}
