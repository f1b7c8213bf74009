namespace TrisimpleNet.Data.Statistics;

/// <summary>An estimate with the lower and upper bounds of its confidence interval at <see cref="Level"/> (0.95 for 95%).</summary>
public sealed record ConfidenceInterval(double Estimate, double Lower, double Upper, double Level);
