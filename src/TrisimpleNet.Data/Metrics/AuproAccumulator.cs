namespace TrisimpleNet.Data.Metrics;

/// <summary>
/// Area under the per-region-overlap (PRO) curve up to a false-positive rate (0.3 by default), normalised by that
/// rate, as defined by the MVTec AD benchmark. Anomaly maps and ground-truth masks are added image by image.
/// </summary>
/// <remarks>
/// Ground-truth regions are the 8-connected components of each mask. At a threshold t (score ≥ t is anomalous),
/// PRO(t) is the mean over all regions of all images of (region pixels predicted anomalous / region area), and
/// FPR(t) is the fraction of all normal pixels predicted anomalous. The curve runs from (0, 0) through one point per
/// distinct score to (1, 1). The prediction is not dilated (the SimpleNet code dilates it with a 5x5 window).
/// Memory: 14 bytes per distinct score plus a fixed 24 MiB buffer and 4 bytes per pixel of the largest map.
/// </remarks>
public sealed class AuproAccumulator
{
    private readonly ScoreTally<double> tally;
    private int[] regionLabels = [];

    /// <summary>Creates an accumulator that integrates the PRO curve up to <paramref name="maxFalsePositiveRate"/>.</summary>
    public AuproAccumulator(double maxFalsePositiveRate = 0.3)
        : this(maxFalsePositiveRate, bufferCapacity: 1 << 20)
    {
    }

    internal AuproAccumulator(double maxFalsePositiveRate, int bufferCapacity)
    {
        if (!(maxFalsePositiveRate > 0 && maxFalsePositiveRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxFalsePositiveRate), maxFalsePositiveRate, "The false-positive-rate limit must lie in (0, 1].");
        }

        MaxFalsePositiveRate = maxFalsePositiveRate;
        tally = new ScoreTally<double>(bufferCapacity);
    }

    /// <summary>The false-positive rate up to which the PRO curve is integrated.</summary>
    public double MaxFalsePositiveRate { get; }

    /// <summary>Number of ground-truth regions over all images added so far.</summary>
    public int RegionCount { get; private set; }

    /// <summary>Number of normal pixels over all images added so far.</summary>
    public long NormalPixelCount => tally.NegativeCount;

    /// <summary>Adds one anomaly map and its ground-truth mask, both row-major with <paramref name="width"/> pixels per row.</summary>
    public void Add(ReadOnlySpan<float> anomalyMap, ReadOnlySpan<bool> groundTruth, int width)
    {
        LabelledScores.Validate(anomalyMap, groundTruth);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (anomalyMap.Length % width != 0)
        {
            throw new ArgumentException($"The map has {anomalyMap.Length} pixels, which is not a whole number of rows of {width}.", nameof(width));
        }

        if (regionLabels.Length < groundTruth.Length)
        {
            regionLabels = new int[groundTruth.Length];
        }

        Span<int> labels = regionLabels.AsSpan(0, groundTruth.Length);
        List<int> regionAreas = ConnectedComponents.Label(groundTruth, width, labels);
        RegionCount += regionAreas.Count;
        for (int i = 0; i < anomalyMap.Length; i++)
        {
            // Each pixel of a region adds 1 / area to the sum over regions of their overlap fractions.
            double regionShare = labels[i] == 0 ? 0.0 : 1.0 / regionAreas[labels[i] - 1];
            tally.Add(anomalyMap[i], regionShare);
        }
    }

    /// <summary>Adds one anomaly map and its ground-truth mask; a non-zero mask byte (for example 255) marks an anomalous pixel.</summary>
    public void Add(ReadOnlySpan<float> anomalyMap, ReadOnlySpan<byte> groundTruth, int width)
    {
        var isAnomalous = new bool[groundTruth.Length];
        for (int i = 0; i < groundTruth.Length; i++)
        {
            isAnomalous[i] = groundTruth[i] != 0;
        }

        Add(anomalyMap, isAnomalous, width);
    }

    /// <summary>The normalised area under the PRO curve up to <see cref="MaxFalsePositiveRate"/>, in [0, 1].</summary>
    public double Compute()
    {
        var area = new TruncatedTrapezoid(MaxFalsePositiveRate);
        foreach (var (falsePositiveRate, overlap) in CurvePoints())
        {
            area.Add(falsePositiveRate, overlap);
        }

        return area.Area / MaxFalsePositiveRate;
    }

    /// <summary>
    /// The whole PRO curve from (0, 0) to (1, 1), thinned for plotting: a point is kept when the false-positive rate
    /// or the overlap moved by at least 1 / <paramref name="resolution"/> since the last kept point.
    /// </summary>
    public (double[] FalsePositiveRates, double[] Overlaps) Curve(int resolution = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 1);
        var falsePositiveRates = new List<double>();
        var overlaps = new List<double>();
        double step = 1.0 / resolution;
        foreach (var (falsePositiveRate, overlap) in CurvePoints())
        {
            if (falsePositiveRates.Count > 0 && falsePositiveRate < 1
                && falsePositiveRate - falsePositiveRates[^1] < step && overlap - overlaps[^1] < step)
            {
                continue;
            }

            falsePositiveRates.Add(falsePositiveRate);
            overlaps.Add(overlap);
        }

        return (falsePositiveRates.ToArray(), overlaps.ToArray());
    }

    /// <summary>(0, 0), one point per distinct score from the highest down, then (1, 1).</summary>
    private IEnumerable<(double FalsePositiveRate, double Overlap)> CurvePoints()
    {
        if (RegionCount == 0 || NormalPixelCount == 0)
        {
            throw new InvalidOperationException(
                $"AUPRO needs at least one ground-truth region and one normal pixel; there are {RegionCount} regions and {NormalPixelCount} normal pixels.");
        }

        yield return (0, 0);
        long falsePositives = 0;
        double overlapSum = 0;
        foreach (ScoreRun<double> run in tally.Descending())
        {
            falsePositives += run.Negatives;
            overlapSum += run.Positives;
            yield return ((double)falsePositives / NormalPixelCount, Math.Min(overlapSum / RegionCount, 1.0));
        }

        yield return (1, 1);
    }
}
