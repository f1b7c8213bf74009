namespace TrisimpleNet.Data.Metrics;

/// <summary>
/// All samples that share one score: how many of them are negatives (normal) and the summed weight of the positives
/// (a count for AUROC and F1, the sum of 1 / region area for PRO).
/// </summary>
internal readonly record struct ScoreRun<TWeight>(double Score, long Negatives, TWeight Positives);
