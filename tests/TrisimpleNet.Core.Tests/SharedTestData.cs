namespace TrisimpleNet.Core.Tests;

/// <summary>Finds the real test images in ../shared/data beside the checkout, or skips the test saying it is missing.</summary>
internal static class SharedTestData
{
    public static string File(string relativePath) => Find(relativePath, System.IO.File.Exists);

    public static string Folder(string relativePath) => Find(relativePath, Directory.Exists);

    private static string Find(string relativePath, Func<string, bool> exists)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "data", relativePath);
            if (exists(candidate))
                return candidate;
        }
        Skip.If(true, $"../shared/data beside the checkout is missing (looked for shared/data/{relativePath} above {AppContext.BaseDirectory}).");
        throw new InvalidOperationException("unreachable");
    }
}
