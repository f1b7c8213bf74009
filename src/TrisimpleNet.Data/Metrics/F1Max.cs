using System.Numerics;

namespace TrisimpleNet.Data.Metrics;

/// <summary>
/// The best F1 score over every threshold, with the threshold that reaches it. A sample is predicted anomalous when
/// its score is at least the threshold; candidate thresholds are the distinct scores, as in scikit-learn's
/// <c>precision_recall_curve</c>. When several thresholds reach the same F1, the lowest one is returned.
/// </summary>
public static class F1Max
{
    /// <summary>F1-max of scores held in memory (image scores, or the pixels of a few images).</summary>
    public static F1MaxResult Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        ScoreRun<long>[] runs = SortedScoreRuns.Descending(scores, labels);
        return FromDescendingRuns(runs, runs.Sum(run => run.Positives), runs.Sum(run => run.Negatives));
    }

    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{bool})"/>
    public static F1MaxResult Compute(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels) =>
        Compute(ScoreConversion.ToDouble(scores), labels);

    internal static F1MaxResult FromDescendingRuns<TCount>(IEnumerable<ScoreRun<TCount>> runs, long positives, long negatives)
        where TCount : struct, IBinaryInteger<TCount>
    {
        LabelledScores.RequireBothClasses(positives, negatives);

        var best = new F1MaxResult(0, double.NaN);
        long truePositives = 0;
        long falsePositives = 0;
        foreach (ScoreRun<TCount> run in runs)
        {
            truePositives += long.CreateChecked(run.Positives);
            falsePositives += run.Negatives;
            // F1 = 2 TP / (2 TP + FP + FN) with FN = positives - TP.
            double f1 = 2.0 * truePositives / (truePositives + falsePositives + positives);
            if (f1 >= best.F1 && truePositives > 0)
            {
                best = new F1MaxResult(f1, run.Score);
            }
        }

        return best;
    }
}
