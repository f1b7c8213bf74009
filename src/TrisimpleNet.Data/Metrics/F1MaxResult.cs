namespace TrisimpleNet.Data.Metrics;

/// <summary>The highest F1 score over all thresholds and the lowest threshold that reaches it (score ≥ threshold is anomalous).</summary>
public readonly record struct F1MaxResult(double F1, double Threshold);
