using System.Diagnostics;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Synthetic;
using TrisimpleNet.Data.Tests.Datasets;

namespace TrisimpleNet.Data.Tests.Synthetic;

public sealed class SyntheticSurfaceDatasetTests : IDisposable
{
    private static readonly SyntheticSurfaceOptions Small =
        new() { ImageSize = 64, TrainCount = 3, TestGoodCount = 2, TestCountPerDefect = 2, Seed = 5 };

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Root(string name) => Path.Combine(_folder.Path, name);

    [Fact]
    public void Generate_WritesOneMvtecCategoryPerTexture()
    {
        var folders = SyntheticSurfaceDataset.Generate(Root("a"), Small);

        Assert.Equal(["brushed_metal", "woven_fabric", "grainy_stone"], folders.Select(Path.GetFileName));
    }

    [Fact]
    public void Generate_WritesTheRequestedCountsOfEachPart()
    {
        var dataset = MvtecAdDataset.LoadCategory(SyntheticSurfaceDataset.Generate(Root("a"), Small)[0]);

        Assert.Equal(3, dataset.Train.Count);
        Assert.Equal(2, dataset.Test.Count(sample => !sample.IsAnomalous));
        Assert.Equal(["contamination", "crack", "good", "hole", "scratch", "spot"], dataset.DefectTypes);
        Assert.All(dataset.DefectTypes.Where(type => type != "good"),
            type => Assert.Equal(2, dataset.Test.Count(sample => sample.DefectType == type)));
    }

    [Fact]
    public void Generate_WithTheSameSeed_WritesByteIdenticalFiles()
    {
        SyntheticSurfaceDataset.Generate(Root("a"), Small);
        SyntheticSurfaceDataset.Generate(Root("b"), Small);

        var first = RelativeFiles(Root("a"));
        Assert.Equal(first, RelativeFiles(Root("b")));
        Assert.All(first, file => Assert.Equal(
            File.ReadAllBytes(Path.Combine(Root("a"), file)), File.ReadAllBytes(Path.Combine(Root("b"), file))));
    }

    [Fact]
    public void Generate_WithAnotherSeed_WritesOtherImages()
    {
        SyntheticSurfaceDataset.Generate(Root("a"), Small);
        SyntheticSurfaceDataset.Generate(Root("b"), new SyntheticSurfaceOptions
            { ImageSize = 64, TrainCount = 3, TestGoodCount = 2, TestCountPerDefect = 2, Seed = 6 });

        const string image = "brushed_metal/train/good/000.png";
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(Root("a"), image)), File.ReadAllBytes(Path.Combine(Root("b"), image)));
    }

    [Fact]
    public void Generate_GivesEveryDefectImageANonEmptyMaskOfItsSize()
    {
        SyntheticSurfaceDataset.Generate(Root("a"), Small);

        foreach (var dataset in MvtecAdDataset.LoadRoot(Root("a")))
        foreach (var sample in dataset.Test.Where(sample => sample.IsAnomalous))
        {
            using var mask = sample.OpenMask();
            Assert.Equal(new Size(64, 64), mask.Size());
            Assert.True(MaskPixels.CountDefects(mask) > 0, $"Mask of '{sample.Image.Name}' is empty.");
        }
    }

    [Fact]
    public void Generate_WritesNoMasksForGoodImages()
    {
        SyntheticSurfaceDataset.Generate(Root("a"), Small);

        Assert.False(Directory.Exists(Path.Combine(Root("a"), "brushed_metal", "ground_truth", "good")));
    }

    [Fact]
    public void Generate_DrawsDefectsThatChangeTheImageWhereTheMaskIs()
    {
        var scratched = MvtecAdDataset.LoadCategory(SyntheticSurfaceDataset.Generate(Root("a"), Small)[2])
            .Test.First(sample => sample.DefectType == "scratch");

        using var image = scratched.Image.Open();
        using var mask = scratched.OpenMask();

        // Inside the mask the scratch shifts the gray value by 0.12-0.2 of full scale, so its mean departs from the rest.
        var (inside, outside) = MeanGrayInsideAndOutside(image, mask);
        Assert.True(Math.Abs(inside - outside) > 10, $"Scratch mean {inside:F1} barely differs from surface mean {outside:F1}.");
    }

    [Fact]
    public void Generate_IntoAnOccupiedCategoryFolder_ThrowsIOExceptionNamingIt()
    {
        SyntheticSurfaceDataset.Generate(Root("a"), Small);

        var error = Assert.Throws<IOException>(() => SyntheticSurfaceDataset.Generate(Root("a"), Small));

        Assert.Contains(Path.Combine(Root("a"), "brushed_metal"), error.Message);
    }

    [Fact]
    public void Generate_WithTooSmallImages_ThrowsArgumentNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SyntheticSurfaceDataset.Generate(Root("a"), new SyntheticSurfaceOptions { ImageSize = 16 }));

        Assert.Contains("ImageSize", error.Message);
    }

    [Fact]
    public void Generate_WithRepeatedTextureNames_ThrowsArgumentNamingTheName()
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticSurfaceDataset.Generate(Root("a"),
            new SyntheticSurfaceOptions { Textures = [new GrainyStoneTexture(), new GrainyStoneTexture()] }));

        Assert.Contains("grainy_stone", error.Message);
    }

    [Fact]
    public void Generate_TheDefaultDatasetTakesWellUnderTenSeconds()
    {
        var stopwatch = Stopwatch.StartNew();
        SyntheticSurfaceDataset.Generate(Root("a"));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"Generation took {stopwatch.Elapsed}.");
    }

    private static string[] RelativeFiles(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static (double Inside, double Outside) MeanGrayInsideAndOutside(Image<Rgb24> image, Image<L8> mask)
    {
        var (inside, outside) = (new List<double>(), new List<double>());
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
            (mask[x, y].PackedValue > 0 ? inside : outside).Add(image[x, y].R);
        return (inside.Average(), outside.Average());
    }
}
