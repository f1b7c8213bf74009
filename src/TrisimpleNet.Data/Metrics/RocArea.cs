using System.Numerics;

namespace TrisimpleNet.Data.Metrics;

/// <summary>
/// Area under the ROC curve from runs of equal score, counted exactly as the Mann-Whitney statistic:
/// each (positive, negative) pair scores 1 when the positive is higher and 1/2 when they tie.
/// </summary>
internal static class RocArea
{
    public static double FromDescendingRuns<TCount>(IEnumerable<ScoreRun<TCount>> runs)
        where TCount : struct, IBinaryInteger<TCount>
    {
        UInt128 twicePairsRankedCorrectly = 0;
        ulong positivesAbove = 0;
        ulong negatives = 0;
        foreach (ScoreRun<TCount> run in runs)
        {
            ulong runPositives = ulong.CreateChecked(run.Positives);
            ulong runNegatives = (ulong)run.Negatives;
            twicePairsRankedCorrectly += (UInt128)runNegatives * (2 * positivesAbove + runPositives);
            positivesAbove += runPositives;
            negatives += runNegatives;
        }

        LabelledScores.RequireBothClasses((long)positivesAbove, (long)negatives);
        return (double)twicePairsRankedCorrectly / (2.0 * positivesAbove * negatives);
    }
}
