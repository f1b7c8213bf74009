using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Data.Datasets;

namespace TrisimpleNet.Data.Tests.Datasets;

public sealed class FolderDatasetTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public FolderDatasetTests()
    {
        for (var index = 0; index < 8; index++)
            _folder.WriteImage($"parts/ok/{index:D2}.png");
        _folder.WriteImage("parts/defects/dent.png");
        _folder.WriteImage("parts/defects/scratch.png");
    }

    public void Dispose() => _folder.Dispose();

    private string NormalFolder => Path.Combine(_folder.Path, "parts", "ok");
    private string AbnormalFolder => Path.Combine(_folder.Path, "parts", "defects");
    private string MaskFolder => Path.Combine(_folder.Path, "parts", "masks");

    private FolderDatasetOptions WithMasks() =>
        new() { NormalFolder = NormalFolder, AbnormalFolder = AbnormalFolder, MaskFolder = MaskFolder, TestNormalFraction = 0.25 };

    private void WriteBothMasks()
    {
        _folder.WriteMask("parts/masks/dent.png");
        _folder.WriteMask("parts/masks/scratch_mask.png");
    }

    [Fact]
    public void Load_HoldsOutTheRoundedFractionOfNormalImages()
    {
        var dataset = FolderDataset.Load(new FolderDatasetOptions { NormalFolder = NormalFolder, TestNormalFraction = 0.25 });

        Assert.Equal(6, dataset.Train.Count);
        Assert.Equal(2, dataset.Test.Count(sample => !sample.IsAnomalous));
    }

    [Fact]
    public void Load_SplitsEveryNormalImageIntoExactlyOnePart()
    {
        var dataset = FolderDataset.Load(new FolderDatasetOptions { NormalFolder = NormalFolder, TestNormalFraction = 0.25 });

        var names = dataset.Train.Select(image => image.Name).Concat(dataset.Test.Select(sample => sample.Image.Name));
        Assert.Equal(Directory.GetFiles(NormalFolder).Order(), names.Order());
    }

    [Fact]
    public void Load_WithTheSameSeed_SplitsIdentically()
    {
        var options = new FolderDatasetOptions { NormalFolder = NormalFolder, Seed = 7 };

        Assert.Equal(FolderDataset.Load(options).Train.Select(image => image.Name),
            FolderDataset.Load(options).Train.Select(image => image.Name));
    }

    [Fact]
    public void Load_WithAnotherSeed_HoldsOutOtherImages()
    {
        var heldOut = Enumerable.Range(0, 4)
            .Select(seed => string.Join(",", FolderDataset.Load(
                    new FolderDatasetOptions { NormalFolder = NormalFolder, TestNormalFraction = 0.5, Seed = seed })
                .Test.Select(sample => sample.Image.Name)))
            .Distinct();

        Assert.True(heldOut.Count() > 1);
    }

    [Fact]
    public void Load_NamesTheDatasetAfterTheNormalFoldersParent()
    {
        Assert.Equal("parts", FolderDataset.Load(new FolderDatasetOptions { NormalFolder = NormalFolder }).Name);
    }

    [Fact]
    public void Load_LabelsAbnormalImagesWithTheAbnormalDefectType()
    {
        var dataset = FolderDataset.Load(new FolderDatasetOptions { NormalFolder = NormalFolder, AbnormalFolder = AbnormalFolder });

        Assert.Equal(2, dataset.Test.Count(sample => sample is { IsAnomalous: true, DefectType: "abnormal" }));
    }

    [Fact]
    public void Load_WithoutMaskFolder_IsImageLevelOnly()
    {
        var dataset = FolderDataset.Load(new FolderDatasetOptions { NormalFolder = NormalFolder, AbnormalFolder = AbnormalFolder });

        Assert.False(dataset.HasPixelLabels);
    }

    [Fact]
    public void Load_MatchesMasksByStemWithOrWithoutMaskSuffix()
    {
        WriteBothMasks();

        var dataset = FolderDataset.Load(WithMasks());

        Assert.True(dataset.HasPixelLabels);
        foreach (var sample in dataset.Test.Where(sample => sample.IsAnomalous))
        {
            using var mask = sample.OpenMask();
            Assert.Equal(new L8(255), mask[0, 0]);
        }
    }

    [Fact]
    public void Load_WithMaskFolder_GivesHeldOutNormalImagesAZeroMask()
    {
        WriteBothMasks();
        var normal = FolderDataset.Load(WithMasks()).Test.First(sample => !sample.IsAnomalous);

        using var mask = normal.OpenMask();

        Assert.Equal((8, 6, new L8(0)), (mask.Width, mask.Height, mask[0, 0]));
    }

    [Fact]
    public void Load_AbnormalImageWithoutMask_ThrowsFileNotFoundNamingTheImage()
    {
        _folder.WriteMask("parts/masks/dent.png");

        var error = Assert.Throws<FileNotFoundException>(() => FolderDataset.Load(WithMasks()));

        Assert.Contains(Path.Combine(AbnormalFolder, "scratch.png"), error.Message);
    }

    [Fact]
    public void Load_MaskOfOtherSize_ThrowsInvalidDataNamingTheMask()
    {
        WriteBothMasks();
        var wrongMask = _folder.WriteMask("parts/masks/dent.png", height: 5);

        var error = Assert.Throws<InvalidDataException>(() => FolderDataset.Load(WithMasks()));

        Assert.Contains(wrongMask, error.Message);
    }

    [Fact]
    public void Load_MissingMaskFolder_ThrowsDirectoryNotFoundNamingIt()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => FolderDataset.Load(WithMasks()));

        Assert.Contains(MaskFolder, error.Message);
    }

    [Fact]
    public void Load_EmptyNormalFolder_ThrowsInvalidDataNamingIt()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_folder.Path, "empty")).FullName;

        var error = Assert.Throws<InvalidDataException>(() => FolderDataset.Load(new FolderDatasetOptions { NormalFolder = empty }));

        Assert.Contains(empty, error.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    public void Load_FractionOutsideZeroToOne_ThrowsArgumentNamingTheOption(double fraction)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            FolderDataset.Load(new FolderDatasetOptions { NormalFolder = NormalFolder, TestNormalFraction = fraction }));

        Assert.Contains("TestNormalFraction", error.Message);
    }

    [Fact]
    public void Load_MaskFolderWithoutAbnormalFolder_ThrowsArgumentNamingTheMaskFolder()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            FolderDataset.Load(new FolderDatasetOptions { NormalFolder = NormalFolder, MaskFolder = MaskFolder }));

        Assert.Contains(MaskFolder, error.Message);
    }

    [Fact]
    public void Load_NothingToTest_ThrowsInvalidDataNamingTheDataset()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            FolderDataset.Load(new FolderDatasetOptions { NormalFolder = NormalFolder, TestNormalFraction = 0 }));

        Assert.Contains("'parts'", error.Message);
    }

    [Fact]
    public void Load_FractionLeavingNoTrainingImage_ThrowsInvalidDataNamingTheNormalFolder()
    {
        var single = _folder.WriteImage("single/ok/only.png");
        var normalFolder = Path.GetDirectoryName(single)!;

        var error = Assert.Throws<InvalidDataException>(() =>
            FolderDataset.Load(new FolderDatasetOptions { NormalFolder = normalFolder, TestNormalFraction = 0.9 }));

        Assert.Contains(normalFolder, error.Message);
    }
}
