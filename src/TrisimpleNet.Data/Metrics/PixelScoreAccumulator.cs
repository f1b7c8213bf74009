namespace TrisimpleNet.Data.Metrics;

/// <summary>
/// Streams the pixel scores and ground-truth labels of a whole category, image by image, and computes the exact
/// pixel AUROC (equal to scikit-learn's <c>roc_auc_score</c> on all pixels at once) and the pixel F1-max.
/// Memory grows with the number of distinct float32 scores (10 bytes each) plus a fixed 64 MiB buffer,
/// never with the number of pixels.
/// </summary>
public sealed class PixelScoreAccumulator
{
    private readonly ScoreTally<uint> tally;

    /// <summary>Creates an empty accumulator.</summary>
    public PixelScoreAccumulator()
        : this(ScoreTally<uint>.DefaultBufferCapacity)
    {
    }

    internal PixelScoreAccumulator(int bufferCapacity) => tally = new ScoreTally<uint>(bufferCapacity);

    /// <summary>Number of anomalous pixels added so far.</summary>
    public long PositiveCount => tally.PositiveCount;

    /// <summary>Number of normal pixels added so far.</summary>
    public long NegativeCount => tally.NegativeCount;

    /// <summary>Number of distinct scores seen so far; memory is proportional to it.</summary>
    public long DistinctScoreCount => tally.DistinctScoreCount;

    internal long AllocatedBytes => tally.AllocatedBytes;

    /// <summary>Adds the pixels of one anomaly map; a true label marks an anomalous pixel.</summary>
    public void Add(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        LabelledScores.Validate(scores, labels);
        for (int i = 0; i < scores.Length; i++)
        {
            tally.Add(scores[i], labels[i] ? 1u : 0u);
        }
    }

    /// <summary>Adds the pixels of one anomaly map; a non-zero mask byte (for example 255) marks an anomalous pixel.</summary>
    public void Add(ReadOnlySpan<float> scores, ReadOnlySpan<byte> labels)
    {
        LabelledScores.Validate(scores, labels);
        for (int i = 0; i < scores.Length; i++)
        {
            tally.Add(scores[i], labels[i] != 0 ? 1u : 0u);
        }
    }

    /// <summary>Exact AUROC over every pixel added so far.</summary>
    public double ComputeAuroc() => RocArea.FromDescendingRuns(tally.Descending());

    /// <summary>F1-max over every pixel added so far, with its threshold.</summary>
    public F1MaxResult ComputeF1Max() => F1Max.FromDescendingRuns(tally.Descending(), PositiveCount, NegativeCount);
}
