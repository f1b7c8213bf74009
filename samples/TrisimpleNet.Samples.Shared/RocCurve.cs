namespace TrisimpleNet.Samples;

/// <summary>The receiver operating characteristic of image scores: false and true positive rates at every threshold.</summary>
public sealed record RocCurve(double[] FalsePositiveRates, double[] TruePositiveRates)
{
    /// <summary>The curve from (0, 0) to (1, 1), one point per distinct score, anomalous labels being positive.</summary>
    public static RocCurve Of(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        double positives = labels.Count(label => label), negatives = labels.Count - positives;
        var falsePositiveRates = new List<double> { 0 };
        var truePositiveRates = new List<double> { 0 };
        int truePositives = 0, falsePositives = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (labels[order[k]]) truePositives++; else falsePositives++;
            if (k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]]) continue;
            falsePositiveRates.Add(falsePositives / Math.Max(negatives, 1));
            truePositiveRates.Add(truePositives / Math.Max(positives, 1));
        }
        return new RocCurve(falsePositiveRates.ToArray(), truePositiveRates.ToArray());
    }
}
