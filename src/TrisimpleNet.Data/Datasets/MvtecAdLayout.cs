using TrisimpleNet.Imaging;

namespace TrisimpleNet.Data.Datasets;

/// <summary>
/// The MVTec AD layout of one category: <c>train/good</c>, <c>test/good</c>, <c>test/&lt;defect&gt;</c> and, for pixel labels,
/// <c>ground_truth/&lt;defect&gt;/&lt;name&gt;_mask.png</c>. Without a <c>ground_truth</c> folder the category is labelled at image level only.
/// </summary>
public sealed class MvtecAdLayout : IDatasetLayout
{
    /// <summary>The five texture categories of MVTec AD.</summary>
    public static readonly IReadOnlyList<string> TextureCategories = ["carpet", "grid", "leather", "tile", "wood"];

    /// <summary>The ten object categories of MVTec AD.</summary>
    public static readonly IReadOnlyList<string> ObjectCategories =
        ["bottle", "cable", "capsule", "hazelnut", "metal_nut", "pill", "screw", "toothbrush", "transistor", "zipper"];

    /// <summary>The single instance; the layout has no state.</summary>
    public static readonly MvtecAdLayout Instance = new();

    private const string MaskSuffix = "_mask";

    private MvtecAdLayout()
    {
    }

    /// <inheritdoc />
    public string Name => "MVTec AD";

    /// <summary>The 15 official categories: textures first, then objects, each alphabetical.</summary>
    public IReadOnlyList<string> KnownCategories { get; } = [.. TextureCategories, .. ObjectCategories];

    /// <inheritdoc />
    public bool IsCategoryFolder(string folder) =>
        Directory.Exists(Path.Combine(folder, "train")) && Directory.Exists(Path.Combine(folder, "test"));

    /// <inheritdoc />
    /// <exception cref="DirectoryNotFoundException">The category, <c>train/good</c> or <c>test</c> folder is missing.</exception>
    /// <exception cref="InvalidDataException"><c>train/good</c> or <c>test</c> holds no images, or a mask's size differs from its image's.</exception>
    /// <exception cref="FileNotFoundException">A defect image has no mask although the category has a <c>ground_truth</c> folder.</exception>
    public AnomalyDataset LoadCategory(string categoryFolder)
    {
        if (!Directory.Exists(categoryFolder))
            throw new DirectoryNotFoundException($"{Name} category folder '{categoryFolder}' does not exist.");

        var train = ImageFolder.ListNonEmpty(Path.Combine(categoryFolder, "train", TestSample.Good), "training (train/good)")
            .Select(ImageSource.FromFile)
            .ToArray();

        var testFolder = Path.Combine(categoryFolder, "test");
        if (!Directory.Exists(testFolder))
            throw new DirectoryNotFoundException($"{Name} test folder '{testFolder}' does not exist.");
        var groundTruthFolder = Path.Combine(categoryFolder, "ground_truth");
        var hasPixelLabels = Directory.Exists(groundTruthFolder);

        var test = Directory.EnumerateDirectories(testFolder)
            .Order(StringComparer.Ordinal)
            .SelectMany(defectFolder => ImageFolder.List(defectFolder).Select(imagePath =>
                LoadSample(imagePath, Path.GetFileName(defectFolder), hasPixelLabels ? groundTruthFolder : null)))
            .ToArray();
        if (test.Length == 0)
            throw new InvalidDataException(
                $"{Name} test folder '{testFolder}' contains no images (expected test/good and test/<defect> folders of images).");

        return new AnomalyDataset(DatasetRoot.CategoryName(categoryFolder), train, test);
    }

    private static TestSample LoadSample(string imagePath, string defectType, string? groundTruthFolder)
    {
        var image = ImageSource.FromFile(imagePath);
        if (groundTruthFolder is null)
            return defectType == TestSample.Good ? TestSample.Normal(image) : TestSample.Anomalous(image, defectType);

        var imageSize = ImageFolder.ReadSize(imagePath);
        if (defectType == TestSample.Good)
            return TestSample.Normal(image, imageSize);

        var maskPath = FindMask(Path.Combine(groundTruthFolder, defectType), imagePath);
        ImageFolder.CheckMaskSize(imagePath, imageSize, maskPath);
        return TestSample.Anomalous(image, defectType, maskPath);
    }

    /// <summary>The mask <c>&lt;name&gt;_mask.png</c> (or another image extension) of <paramref name="imagePath"/>.</summary>
    private static string FindMask(string maskFolder, string imagePath)
    {
        var maskStem = Path.GetFileNameWithoutExtension(imagePath) + MaskSuffix;
        return ImageFolder.FindByStem(maskFolder, [maskStem])
               ?? throw new FileNotFoundException(
                   $"Defect image '{imagePath}' has no mask: expected '{Path.Combine(maskFolder, maskStem + ".png")}' because the category has a ground_truth folder.",
                   Path.Combine(maskFolder, maskStem + ".png"));
    }
}
