using SixLabors.ImageSharp;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Data.Datasets;

/// <summary>Lists the image files of a folder in ordinal order and reads image sizes from file headers.</summary>
internal static class ImageFolder
{
    /// <summary>File extensions read as images, png first: the order in which <see cref="FindByStem"/> tries them.</summary>
    private static readonly string[] ExtensionsPngFirst = [".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff"];

    /// <summary>File extensions read as images (png, jpg/jpeg, bmp, tif/tiff), with the dot, matched ignoring case.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(ExtensionsPngFirst, StringComparer.OrdinalIgnoreCase);

    /// <summary>The image files directly inside <paramref name="folder"/>, sorted ordinally by file name; other files are ignored.</summary>
    public static IReadOnlyList<string> List(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Image folder '{folder}' does not exist.");
        return Directory.EnumerateFiles(folder)
            .Where(IsImageFile)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Like <see cref="List"/>, but an empty folder is an error naming it and <paramref name="role"/>.</summary>
    public static IReadOnlyList<string> ListNonEmpty(string folder, string role)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The {role} folder '{folder}' does not exist.");
        var files = List(folder);
        if (files.Count == 0)
            throw new InvalidDataException(
                $"The {role} folder '{folder}' contains no images (expected {string.Join(", ", Extensions)} files).");
        return files;
    }

    /// <summary>The first existing file in <paramref name="folder"/> named one of <paramref name="stems"/> plus an image extension, png first; null if none.</summary>
    public static string? FindByStem(string folder, IEnumerable<string> stems) =>
        stems.SelectMany(stem => ExtensionsPngFirst.Select(extension => Path.Combine(folder, stem + extension)))
            .FirstOrDefault(File.Exists);

    public static bool IsImageFile(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>The image's size after EXIF orientation, read from the file's header without decoding the pixels.</summary>
    public static Size ReadSize(string path) => ImageFiles.ReadSize(path);

    /// <summary>Throws when the mask's size differs from its image's.</summary>
    public static void CheckMaskSize(string imagePath, Size imageSize, string maskPath)
    {
        var maskSize = ReadSize(maskPath);
        if (maskSize != imageSize)
            throw new InvalidDataException(
                $"Mask '{maskPath}' is {maskSize.Width}x{maskSize.Height} but its image '{imagePath}' is {imageSize.Width}x{imageSize.Height}; a mask must have its image's size.");
    }
}
