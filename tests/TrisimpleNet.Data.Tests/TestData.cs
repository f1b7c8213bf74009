namespace TrisimpleNet.Data.Tests;

/// <summary>Locates the shared test data (<c>shared/data</c> in a folder above the test binaries) and skips tests where it is absent.</summary>
public static class TestData
{
    /// <summary>The shared data folder, or null where no folder above <see cref="AppContext.BaseDirectory"/> contains <c>shared/data</c>.</summary>
    public static string? SharedDataFolder { get; } = FindSharedData();

    /// <summary>The path of <paramref name="relativePath"/> inside the shared data; skips the test when it is absent.</summary>
    public static string Require(string relativePath)
    {
        Skip.If(SharedDataFolder is null,
            $"Shared test data not found: no folder above '{AppContext.BaseDirectory}' contains shared/data (see shared/data/README.md).");
        var path = Path.Combine(SharedDataFolder!, relativePath);
        Skip.If(!Path.Exists(path), $"Shared test data '{path}' is absent.");
        return path;
    }

    private static string? FindSharedData()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "data");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
