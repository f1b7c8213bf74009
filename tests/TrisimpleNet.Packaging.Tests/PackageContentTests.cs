using System.IO.Compression;
using System.Xml.Linq;

namespace TrisimpleNet.Packaging.Tests;

/// <summary>What `dotnet pack -c Release` puts into each package.</summary>
[Collection(PackedReleaseCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PackageContentTests(PackedRelease release)
{
    public static TheoryData<string> PackageIds => new(PackedRelease.PackageIds);

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void EachPackageHasItsVersionDescriptionTagsLicenceAndReadme(string id)
    {
        using var package = ZipFile.OpenRead(release.PackagePath(id));
        var metadata = Metadata(package, id);

        Assert.Equal(release.Version, Element(metadata, "version"));
        Assert.False(string.IsNullOrWhiteSpace(Element(metadata, "description")));
        Assert.Contains("anomaly-detection", Element(metadata, "tags").Split(' '));
        var license = metadata.Elements().Single(element => element.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.Equal("README.md", Element(metadata, "readme"));
        Assert.StartsWith($"# {id}", ReadText(package, "README.md"));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void EachPackageHasItsAssemblyAndXmlDocsForNet8AndNet10(string id)
    {
        using var package = ZipFile.OpenRead(release.PackagePath(id));
        var entries = package.Entries.Select(entry => entry.FullName).ToHashSet();

        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            Assert.Contains($"lib/{framework}/{id}.dll", entries);
            Assert.Contains($"lib/{framework}/{id}.xml", entries);
        }
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void EachPackageHasASymbolPackageWithItsPdbs(string id)
    {
        using var symbols = ZipFile.OpenRead(release.SymbolPackagePath(id));
        var entries = symbols.Entries.Select(entry => entry.FullName).ToHashSet();

        Assert.Contains($"lib/net8.0/{id}.pdb", entries);
        Assert.Contains($"lib/net10.0/{id}.pdb", entries);
    }

    [Fact]
    public void TheCorePackageCarriesTheNativeRuntimeFixInItsBuildFolder()
    {
        using var package = ZipFile.OpenRead(release.PackagePath("TrisimpleNet.Core"));

        Assert.Equal(RepositoryText("src/TrisimpleNet.Core/build/TrisimpleNet.Core.targets"), ReadText(package, "build/TrisimpleNet.Core.targets"));
        Assert.Equal(RepositoryText("build/TrisimpleNet.NativeRuntime.targets"), ReadText(package, "build/TrisimpleNet.NativeRuntime.targets"));
        Assert.Equal(RepositoryText("build/WeakenElfVersionNeed.cs"), ReadText(package, "build/WeakenElfVersionNeed.cs"));
    }

    [Fact]
    public void CoreTakesOnlyTheBuildAssetsOfTheResNet18Package()
    {
        using var package = ZipFile.OpenRead(release.PackagePath("TrisimpleNet.Core"));

        foreach (var dependency in Dependencies(Metadata(package, "TrisimpleNet.Core"), "Microsoft.ML.DnnImageFeaturizer.ResNet18"))
        {
            var included = ((string?)dependency.Attribute("include") ?? "").Split(',');
            Assert.Contains("Build", included);
            Assert.DoesNotContain("Compile", included);
            Assert.DoesNotContain("Runtime", included);
            Assert.DoesNotContain("Native", included);
        }
    }

    [Fact]
    public void DataDependsOnThisCoreWithItsBuildAssets()
    {
        using var package = ZipFile.OpenRead(release.PackagePath("TrisimpleNet.Data"));

        var dependencies = Dependencies(Metadata(package, "TrisimpleNet.Data"), "TrisimpleNet.Core");
        Assert.Equal(2, dependencies.Count);
        Assert.All(dependencies, dependency =>
        {
            Assert.Equal(release.Version, (string?)dependency.Attribute("version"));
            Assert.Equal("All", (string?)dependency.Attribute("include"));
        });
    }

    private static XElement Metadata(ZipArchive package, string id)
    {
        using var stream = package.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
    }

    private static string Element(XElement metadata, string name) =>
        metadata.Elements().Single(element => element.Name.LocalName == name).Value;

    /// <summary>The dependency on <paramref name="id"/> in every target-framework group.</summary>
    private static List<XElement> Dependencies(XElement metadata, string id) =>
        metadata.Descendants().Where(element => element.Name.LocalName == "dependency" && (string?)element.Attribute("id") == id).ToList();

    private static string ReadText(ZipArchive package, string entryName)
    {
        var entry = package.GetEntry(entryName) ?? throw new FileNotFoundException($"The package has no '{entryName}'.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private string RepositoryText(string relativePath) => File.ReadAllText(Path.Combine(release.RepositoryRoot, relativePath));
}
