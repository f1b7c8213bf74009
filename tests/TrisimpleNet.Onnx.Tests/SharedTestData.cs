namespace TrisimpleNet.Onnx.Tests;

/// <summary>Finds the real test images in ../shared/data beside the checkout, or skips the test saying it is missing.</summary>
internal static class SharedTestData
{
    public static string Folder(string relativePath)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "data", relativePath);
            if (Directory.Exists(candidate))
                return candidate;
        }
        Skip.If(true, $"../shared/data beside the checkout is missing (looked for shared/data/{relativePath} above {AppContext.BaseDirectory}).");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The first <paramref name="count"/> images of a kolektor-sdd folder, sorted by name.</summary>
    public static string[] KolektorImages(string relativeFolder, int count) =>
        Directory.GetFiles(Folder(Path.Combine("kolektor-sdd", relativeFolder)), "*.png").Order(StringComparer.Ordinal).Take(count).ToArray();
}
