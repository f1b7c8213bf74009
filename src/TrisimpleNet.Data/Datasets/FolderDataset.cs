using TrisimpleNet.Imaging;

namespace TrisimpleNet.Data.Datasets;

/// <summary>
/// A dataset from plain folders (normal images, optional defective images, optional masks), for data not laid out like MVTec AD.
/// A seeded shuffle holds out a fraction of the normal images as normal test images.
/// </summary>
public static class FolderDataset
{
    /// <summary>Loads the folders named in <paramref name="options"/>, checking masks and their sizes eagerly.</summary>
    /// <exception cref="ArgumentException">An option is out of range or inconsistent.</exception>
    /// <exception cref="DirectoryNotFoundException">A folder is missing.</exception>
    /// <exception cref="InvalidDataException">A folder holds no images, too few normal images remain for training, or a mask's size differs from its image's.</exception>
    /// <exception cref="FileNotFoundException">A defective image has no mask in <see cref="FolderDatasetOptions.MaskFolder"/>.</exception>
    public static AnomalyDataset Load(FolderDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var name = options.Name ?? DatasetRoot.CategoryName(Path.Combine(options.NormalFolder, ".."));
        var normalPaths = ImageFolder.ListNonEmpty(options.NormalFolder, "normal");
        var (trainPaths, testNormalPaths) = SplitNormals(normalPaths, options);
        if (trainPaths.Count == 0)
            throw new InvalidDataException(
                $"Normal folder '{options.NormalFolder}' has {normalPaths.Count} image(s); holding out a fraction of {options.TestNormalFraction} leaves none for training.");

        var hasMasks = options.MaskFolder is not null;
        var test = testNormalPaths.Select(path => hasMasks
                ? TestSample.Normal(ImageSource.FromFile(path), ImageFolder.ReadSize(path))
                : TestSample.Normal(ImageSource.FromFile(path)))
            .Concat(AbnormalSamples(options))
            .ToArray();
        if (test.Length == 0)
            throw new InvalidDataException(
                $"Folder dataset '{name}' has no test images: give an abnormal folder or a TestNormalFraction above zero.");

        return new AnomalyDataset(name, trainPaths.Select(ImageSource.FromFile).ToArray(), test);
    }

    /// <summary>Shuffles the normal images with the seed, holds out the first <c>round(fraction * count)</c>, and sorts both parts ordinally.</summary>
    internal static (IReadOnlyList<string> Train, IReadOnlyList<string> TestNormal) SplitNormals(
        IReadOnlyList<string> normalPaths, FolderDatasetOptions options)
    {
        var shuffled = normalPaths.ToArray();
        new Random(options.Seed).Shuffle(shuffled);
        var testCount = (int)Math.Round(options.TestNormalFraction * shuffled.Length, MidpointRounding.AwayFromZero);
        return (shuffled[testCount..].Order(StringComparer.Ordinal).ToArray(),
            shuffled[..testCount].Order(StringComparer.Ordinal).ToArray());
    }

    private static IEnumerable<TestSample> AbnormalSamples(FolderDatasetOptions options)
    {
        if (options.AbnormalFolder is null)
            return [];
        var abnormalPaths = ImageFolder.ListNonEmpty(options.AbnormalFolder, "abnormal");
        if (options.MaskFolder is null)
            return abnormalPaths.Select(path => TestSample.Anomalous(ImageSource.FromFile(path), options.AbnormalDefectType));

        if (!Directory.Exists(options.MaskFolder))
            throw new DirectoryNotFoundException($"Mask folder '{options.MaskFolder}' does not exist.");
        return abnormalPaths.Select(path =>
        {
            var maskPath = FindMask(options.MaskFolder, path);
            ImageFolder.CheckMaskSize(path, ImageFolder.ReadSize(path), maskPath);
            return TestSample.Anomalous(ImageSource.FromFile(path), options.AbnormalDefectType, maskPath);
        }).ToArray();
    }

    private static string FindMask(string maskFolder, string imagePath)
    {
        var stem = Path.GetFileNameWithoutExtension(imagePath);
        return ImageFolder.FindByStem(maskFolder, [stem, stem + "_mask"])
               ?? throw new FileNotFoundException(
                   $"Defective image '{imagePath}' has no mask in '{maskFolder}': expected '{stem}.png' or '{stem}_mask.png' (any image extension).",
                   Path.Combine(maskFolder, stem + ".png"));
    }

    private static void Validate(FolderDatasetOptions options)
    {
        if (options.TestNormalFraction is < 0 or >= 1 || double.IsNaN(options.TestNormalFraction))
            throw new ArgumentException(
                $"TestNormalFraction must be in [0, 1), but is {options.TestNormalFraction}.", nameof(options));
        if (options.MaskFolder is not null && options.AbnormalFolder is null)
            throw new ArgumentException(
                $"MaskFolder '{options.MaskFolder}' is given without an AbnormalFolder whose images it would label.", nameof(options));
        if (options.AbnormalDefectType == TestSample.Good)
            throw new ArgumentException($"AbnormalDefectType cannot be '{TestSample.Good}'.", nameof(options));
    }
}
