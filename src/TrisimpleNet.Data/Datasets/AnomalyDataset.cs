using TrisimpleNet.Imaging;

namespace TrisimpleNet.Data.Datasets;

/// <summary>One category: training images (all normal) and labelled test images.</summary>
public sealed class AnomalyDataset
{
    /// <summary>A dataset; <see cref="HasPixelLabels"/> holds when every test sample carries a mask.</summary>
    public AnomalyDataset(string name, IReadOnlyList<ImageSource> train, IReadOnlyList<TestSample> test)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (train.Count == 0)
            throw new ArgumentException($"Dataset '{name}' has no training images.", nameof(train));
        if (test.Count == 0)
            throw new ArgumentException($"Dataset '{name}' has no test images.", nameof(test));
        Name = name;
        Train = train;
        Test = test;
        HasPixelLabels = test.All(sample => sample.HasMask);
    }

    /// <summary>The category name, for example "kolektor-sdd", "bottle" or "fashion-mnist-3".</summary>
    public string Name { get; }

    /// <summary>Training images; all are normal.</summary>
    public IReadOnlyList<ImageSource> Train { get; }

    /// <summary>Test images with their labels.</summary>
    public IReadOnlyList<TestSample> Test { get; }

    /// <summary>False when only image-level labels exist: evaluate image level only, pixel metrics absent.</summary>
    public bool HasPixelLabels { get; }

    /// <summary>The number of anomalous test samples.</summary>
    public int AnomalousTestCount => Test.Count(sample => sample.IsAnomalous);

    /// <summary>The defect types of the test set in ordinal order, "good" included.</summary>
    public IReadOnlyList<string> DefectTypes =>
        Test.Select(sample => sample.DefectType).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {Train.Count} train, {Test.Count} test ({AnomalousTestCount} anomalous), pixel labels: {HasPixelLabels}";
}
