namespace TrisimpleNet.Data.Datasets;

/// <summary>Where the images of a <see cref="FolderDataset"/> are and how its normal images are split into train and test.</summary>
public sealed class FolderDatasetOptions
{
    /// <summary>The folder of normal (defect-free) images, split into training images and held-out normal test images.</summary>
    public required string NormalFolder { get; init; }

    /// <summary>An optional folder of defective images; all become anomalous test samples.</summary>
    public string? AbnormalFolder { get; init; }

    /// <summary>
    /// An optional folder of masks for the defective images, matched by file stem: <c>scratch01.png</c> has the mask
    /// <c>scratch01.png</c> or <c>scratch01_mask.png</c> (any image extension). Requires <see cref="AbnormalFolder"/>.
    /// </summary>
    public string? MaskFolder { get; init; }

    /// <summary>The dataset's name; the normal folder's parent folder's name when null.</summary>
    public string? Name { get; init; }

    /// <summary>The defect type given to every defective image.</summary>
    public string AbnormalDefectType { get; init; } = "abnormal";

    /// <summary>The fraction of normal images held out as normal test images, in [0, 1).</summary>
    public double TestNormalFraction { get; init; } = 0.2;

    /// <summary>The seed of the shuffle that picks the held-out normal images.</summary>
    public int Seed { get; init; }
}
