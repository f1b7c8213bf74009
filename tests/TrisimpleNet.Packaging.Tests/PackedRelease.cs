using System.Xml.Linq;

namespace TrisimpleNet.Packaging.Tests;

/// <summary>
/// Packs TrisimpleNet.Core, TrisimpleNet.Data and TrisimpleNet.Onnx into the local feed named in the repository's
/// nuget.config, under a version used once (so that no package cached by an earlier run can stand in for these), and
/// builds them apart from the repository's bin and obj folders. Removes the packages, their copies in the global
/// packages folder and its temporary folder afterwards.
/// </summary>
public sealed class PackedRelease : IDisposable
{
    public static readonly string[] PackageIds = ["TrisimpleNet.Core", "TrisimpleNet.Data", "TrisimpleNet.Onnx"];

    /// <summary>The local feed's key in nuget.config.</summary>
    private const string LocalFeedKey = "trisimplenet-local";

    public PackedRelease()
    {
        RepositoryRoot = FindRepositoryRoot();
        Feed = LocalFeed(RepositoryRoot);
        Folder = Directory.CreateTempSubdirectory("trisimplenet-packaging-").FullName;
        try
        {
            foreach (var id in PackageIds)
                DotnetCommand.Run(RepositoryRoot, TimeSpan.FromMinutes(20), "pack", Path.Combine("src", id, $"{id}.csproj"),
                    "-c", "Release", "-o", Feed, $"-p:Version={Version}", $"-p:ArtifactsPath={Path.Combine(Folder, "artifacts")}");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>A SemVer 2 pre-release version that no earlier run used.</summary>
    public string Version { get; } = $"0.0.0-packagingtest-{Guid.NewGuid():N}";

    public string RepositoryRoot { get; }

    /// <summary>The local folder feed, from nuget.config.</summary>
    public string Feed { get; }

    /// <summary>A temporary folder for the builds; deleted with the fixture.</summary>
    public string Folder { get; }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public string SymbolPackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    /// <summary>Writes a nuget.config into <paramref name="folder"/> that adds the local feed to the user's sources.</summary>
    public void WriteNuGetConfig(string folder) =>
        new XDocument(new XElement("configuration",
            new XElement("packageSources",
                new XElement("add", new XAttribute("key", LocalFeedKey), new XAttribute("value", Feed)))))
            .Save(Path.Combine(folder, "nuget.config"));

    public void Dispose()
    {
        foreach (var id in PackageIds)
        {
            File.Delete(PackagePath(id));
            File.Delete(SymbolPackagePath(id));
            var cached = Path.Combine(GlobalPackagesFolder(), id.ToLowerInvariant(), Version.ToLowerInvariant());
            if (Directory.Exists(cached))
                Directory.Delete(cached, recursive: true);
        }
        Directory.Delete(Folder, recursive: true);
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "TrisimpleNet.sln")))
                return folder.FullName;
        throw new DirectoryNotFoundException($"No TrisimpleNet.sln above {AppContext.BaseDirectory}.");
    }

    private static string LocalFeed(string repositoryRoot)
    {
        var config = Path.Combine(repositoryRoot, "nuget.config");
        var value = XDocument.Load(config).Root?.Element("packageSources")?.Elements("add")
            .FirstOrDefault(source => (string?)source.Attribute("key") == LocalFeedKey)?.Attribute("value")?.Value
            ?? throw new InvalidDataException($"'{config}' has no package source '{LocalFeedKey}'.");
        return Path.GetFullPath(value, repositoryRoot);
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
