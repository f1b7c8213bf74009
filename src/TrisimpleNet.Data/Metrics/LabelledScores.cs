namespace TrisimpleNet.Data.Metrics;

/// <summary>Argument checks shared by the metrics that take scores with one label each.</summary>
internal static class LabelledScores
{
    public static void Validate<TScore, TLabel>(ReadOnlySpan<TScore> scores, ReadOnlySpan<TLabel> labels)
        where TScore : System.Numerics.IFloatingPointIeee754<TScore>
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException(
                $"There are {scores.Length} scores but {labels.Length} labels; each score needs one label.", nameof(labels));
        }

        foreach (TScore score in scores)
        {
            if (TScore.IsNaN(score))
            {
                throw new ArgumentException("Scores must not be NaN.", nameof(scores));
            }
        }
    }

    public static void RequireBothClasses(long positives, long negatives)
    {
        if (positives == 0 || negatives == 0)
        {
            throw new InvalidOperationException(
                $"The metric needs at least one positive and one negative sample; there are {positives} positives and {negatives} negatives.");
        }
    }
}
