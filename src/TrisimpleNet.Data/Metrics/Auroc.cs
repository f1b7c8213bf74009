namespace TrisimpleNet.Data.Metrics;

/// <summary>
/// Exact area under the ROC curve of scores held in memory, equal to scikit-learn's <c>roc_auc_score</c>
/// including ties (a tied positive-negative pair counts one half).
/// </summary>
public static class Auroc
{
    /// <summary>AUROC of <paramref name="scores"/>, where a higher score means more anomalous and a true label marks an anomaly.</summary>
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels) =>
        RocArea.FromDescendingRuns(SortedScoreRuns.Descending(scores, labels));

    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{bool})"/>
    public static double Compute(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels) =>
        Compute(ScoreConversion.ToDouble(scores), labels);
}
