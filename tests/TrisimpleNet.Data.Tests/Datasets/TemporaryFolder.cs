using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Data.Tests.Datasets;

/// <summary>A fresh folder under the system temp folder, deleted on dispose, with helpers that write small images into it.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trisimplenet-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The absolute path of <paramref name="relativePath"/>, creating its parent folders.</summary>
    public string File(string relativePath)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Writes a uniform gray image in the format its extension names.</summary>
    public string WriteImage(string relativePath, int width = 8, int height = 6, byte gray = 128)
    {
        var path = File(relativePath);
        using var image = new Image<L8>(width, height, new L8(gray));
        image.Save(path);
        return path;
    }

    /// <summary>Writes a mask whose pixel (0, 0) has <paramref name="defectValue"/> and the rest zero.</summary>
    public string WriteMask(string relativePath, int width = 8, int height = 6, byte defectValue = 255)
    {
        var path = File(relativePath);
        using var mask = new Image<L8>(width, height);
        mask[0, 0] = new L8(defectValue);
        mask.Save(path);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
