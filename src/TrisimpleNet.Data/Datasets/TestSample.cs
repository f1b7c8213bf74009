using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Data.Datasets;

/// <summary>A test image with its label and, where the dataset has pixel labels, its defect mask.</summary>
public sealed class TestSample
{
    /// <summary>The defect type of normal images.</summary>
    public const string Good = "good";

    private readonly Func<Image<L8>>? _openMask;

    private TestSample(ImageSource image, string defectType, Func<Image<L8>>? openMask)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrEmpty(defectType);
        Image = image;
        DefectType = defectType;
        _openMask = openMask;
    }

    /// <summary>The test image.</summary>
    public ImageSource Image { get; }

    /// <summary>True for a defective image, false for a normal ("good") one.</summary>
    public bool IsAnomalous => DefectType != Good;

    /// <summary>"good" for normal images, otherwise the kind of defect (for example "crack").</summary>
    public string DefectType { get; }

    /// <summary>True when <see cref="OpenMask"/> returns a mask.</summary>
    public bool HasMask => _openMask is not null;

    /// <summary>A normal image labelled at image level only.</summary>
    public static TestSample Normal(ImageSource image) => new(image, Good, null);

    /// <summary>A normal image whose mask is all zero at <paramref name="size"/>, the image's own size.</summary>
    public static TestSample Normal(ImageSource image, Size size) =>
        new(image, Good, () => new Image<L8>(size.Width, size.Height));

    /// <summary>A defective image labelled at image level only.</summary>
    public static TestSample Anomalous(ImageSource image, string defectType) => new(image, CheckDefectType(defectType), null);

    /// <summary>A defective image whose mask file is binarised on <see cref="OpenMask"/> (any value above zero is defect).</summary>
    public static TestSample Anomalous(ImageSource image, string defectType, string maskPath) =>
        new(image, CheckDefectType(defectType), () => BinaryMask.Load(maskPath));

    /// <summary>A defective image whose binary mask (0 or 255, the image's size) is held in memory; each <see cref="OpenMask"/> returns a copy.</summary>
    public static TestSample Anomalous(ImageSource image, string defectType, Image<L8> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return new(image, CheckDefectType(defectType), mask.Clone);
    }

    /// <summary>Binary mask (0 or 255) at the image's own size; all zero for good images.</summary>
    /// <exception cref="InvalidOperationException">The dataset has no pixel labels.</exception>
    public Image<L8> OpenMask() =>
        _openMask is null
            ? throw new InvalidOperationException(
                $"Test image '{Image.Name}' has no pixel label: its dataset is labelled at image level only (HasPixelLabels is false).")
            : _openMask();

    /// <inheritdoc />
    public override string ToString() => $"{Image.Name} ({DefectType})";

    private static string CheckDefectType(string defectType) =>
        defectType == Good
            ? throw new ArgumentException($"An anomalous sample cannot have the defect type '{Good}'.", nameof(defectType))
            : defectType;
}
