namespace TrisimpleNet.Data.Metrics;

/// <summary>Groups labelled scores held in memory into runs of equal score, from the highest score to the lowest.</summary>
internal static class SortedScoreRuns
{
    public static ScoreRun<long>[] Descending(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        LabelledScores.Validate(scores, labels);
        double[] sortedScores = scores.ToArray();
        bool[] sortedLabels = labels.ToArray();
        Array.Sort(sortedScores, sortedLabels);

        var runs = new List<ScoreRun<long>>();
        for (int end = sortedScores.Length; end > 0;)
        {
            double score = sortedScores[end - 1];
            long negatives = 0;
            long positives = 0;
            for (; end > 0 && sortedScores[end - 1] == score; end--)
            {
                positives += sortedLabels[end - 1] ? 1 : 0;
                negatives += sortedLabels[end - 1] ? 0 : 1;
            }

            runs.Add(new ScoreRun<long>(score, negatives, positives));
        }

        return runs.ToArray();
    }
}
