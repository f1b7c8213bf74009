namespace TrisimpleNet.Data.Reports;

/// <summary>Mean and sample standard deviation (n - 1 in the denominator; 0 for a single value) of a cell's values.</summary>
public readonly record struct CellSummary(double Mean, double StandardDeviation, int Count)
{
    /// <summary>Summarises one value per seed.</summary>
    public static CellSummary Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("A summary needs at least one value.", nameof(values));
        }

        double mean = values.Average();
        double squaredDeviations = values.Sum(value => (value - mean) * (value - mean));
        double standardDeviation = values.Count > 1 ? Math.Sqrt(squaredDeviations / (values.Count - 1)) : 0;
        return new CellSummary(mean, standardDeviation, values.Count);
    }
}
