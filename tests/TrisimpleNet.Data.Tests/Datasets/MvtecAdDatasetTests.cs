using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Data.Datasets;

namespace TrisimpleNet.Data.Tests.Datasets;

public sealed class MvtecAdDatasetTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Writes a valid category: two training images, one good and one scratched test image with its mask.</summary>
    private string WriteCategory(string name = "widget", bool withGroundTruth = true)
    {
        _folder.WriteImage($"{name}/train/good/001.png");
        _folder.WriteImage($"{name}/train/good/000.png");
        _folder.WriteImage($"{name}/test/good/000.png");
        _folder.WriteImage($"{name}/test/scratch/000.png");
        if (withGroundTruth)
            _folder.WriteMask($"{name}/ground_truth/scratch/000_mask.png");
        return Path.Combine(_folder.Path, name);
    }

    [Fact]
    public void LoadCategory_NamesTheDatasetAfterTheCategoryFolder()
    {
        var dataset = MvtecAdDataset.LoadCategory(WriteCategory("widget"));

        Assert.Equal("widget", dataset.Name);
    }

    [Fact]
    public void LoadCategory_ListsTrainingImagesInOrdinalOrder()
    {
        var dataset = MvtecAdDataset.LoadCategory(WriteCategory());

        Assert.Equal(["000.png", "001.png"], dataset.Train.Select(image => Path.GetFileName(image.Name)));
    }

    [Fact]
    public void LoadCategory_LabelsTestImagesByTheirFolder()
    {
        var dataset = MvtecAdDataset.LoadCategory(WriteCategory());

        Assert.Equal([("good", false), ("scratch", true)],
            dataset.Test.Select(sample => (sample.DefectType, sample.IsAnomalous)).Order());
    }

    [Fact]
    public void LoadCategory_WithGroundTruthFolder_HasPixelLabels()
    {
        Assert.True(MvtecAdDataset.LoadCategory(WriteCategory()).HasPixelLabels);
    }

    [Fact]
    public void OpenMask_OfGoodImage_IsAllZeroAtTheImageSize()
    {
        var good = MvtecAdDataset.LoadCategory(WriteCategory()).Test.Single(sample => !sample.IsAnomalous);

        using var mask = good.OpenMask();

        Assert.Equal((8, 6), (mask.Width, mask.Height));
        Assert.Equal(0, MaskPixels.CountDefects(mask));
    }

    [Fact]
    public void OpenMask_BinarisesAnyValueAboveZeroTo255()
    {
        var category = WriteCategory();
        _folder.WriteMask("widget/ground_truth/scratch/000_mask.png", defectValue: 1);
        var defect = MvtecAdDataset.LoadCategory(category).Test.Single(sample => sample.IsAnomalous);

        using var mask = defect.OpenMask();

        Assert.Equal(255, mask[0, 0].PackedValue);
        Assert.Equal(1, MaskPixels.CountDefects(mask));
    }

    [Fact]
    public void LoadCategory_WithoutGroundTruthFolder_IsImageLevelOnly()
    {
        var dataset = MvtecAdDataset.LoadCategory(WriteCategory(withGroundTruth: false));

        Assert.False(dataset.HasPixelLabels);
    }

    [Fact]
    public void OpenMask_WithoutPixelLabels_ThrowsInvalidOperationNamingTheImage()
    {
        var sample = MvtecAdDataset.LoadCategory(WriteCategory(withGroundTruth: false)).Test[0];

        var error = Assert.Throws<InvalidOperationException>(() => sample.OpenMask());

        Assert.Contains(sample.Image.Name, error.Message);
    }

    [Fact]
    public void LoadCategory_DefectImageWithoutMask_ThrowsFileNotFoundNamingTheMask()
    {
        var category = WriteCategory();
        File.Delete(Path.Combine(category, "ground_truth", "scratch", "000_mask.png"));

        var error = Assert.Throws<FileNotFoundException>(() => MvtecAdDataset.LoadCategory(category));

        Assert.Contains(Path.Combine(category, "ground_truth", "scratch", "000_mask.png"), error.Message);
        Assert.Contains(Path.Combine(category, "test", "scratch", "000.png"), error.Message);
    }

    [Fact]
    public void LoadCategory_MaskOfOtherSize_ThrowsInvalidDataNamingTheMask()
    {
        var category = WriteCategory();
        var maskPath = _folder.WriteMask("widget/ground_truth/scratch/000_mask.png", width: 9);

        var error = Assert.Throws<InvalidDataException>(() => MvtecAdDataset.LoadCategory(category));

        Assert.Contains(maskPath, error.Message);
        Assert.Contains("9x6", error.Message);
    }

    [Fact]
    public void LoadCategory_EmptyTrainGood_ThrowsInvalidDataNamingTheFolder()
    {
        var category = WriteCategory();
        var trainGood = Path.Combine(category, "train", "good");
        foreach (var file in Directory.GetFiles(trainGood))
            File.Delete(file);

        var error = Assert.Throws<InvalidDataException>(() => MvtecAdDataset.LoadCategory(category));

        Assert.Contains(trainGood, error.Message);
    }

    [Fact]
    public void LoadCategory_MissingTrainGood_ThrowsDirectoryNotFoundNamingTheFolder()
    {
        var category = WriteCategory();
        var trainGood = Path.Combine(category, "train", "good");
        Directory.Delete(trainGood, recursive: true);

        var error = Assert.Throws<DirectoryNotFoundException>(() => MvtecAdDataset.LoadCategory(category));

        Assert.Contains(trainGood, error.Message);
    }

    [Fact]
    public void LoadCategory_MissingFolder_ThrowsDirectoryNotFoundNamingIt()
    {
        var missing = Path.Combine(_folder.Path, "missing");

        var error = Assert.Throws<DirectoryNotFoundException>(() => MvtecAdDataset.LoadCategory(missing));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void LoadCategory_UndecodableTestImage_ThrowsInvalidDataNamingTheFile()
    {
        var category = WriteCategory();
        var broken = _folder.File("widget/test/good/001.png");
        File.WriteAllText(broken, "not a png");

        var error = Assert.Throws<InvalidDataException>(() => MvtecAdDataset.LoadCategory(category));

        Assert.Contains(broken, error.Message);
    }

    [Fact]
    public void LoadCategory_IgnoresFilesThatAreNotImages()
    {
        var category = WriteCategory();
        File.WriteAllText(_folder.File("widget/train/good/notes.txt"), "not an image");

        Assert.Equal(2, MvtecAdDataset.LoadCategory(category).Train.Count);
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("jpeg")]
    [InlineData("bmp")]
    [InlineData("tif")]
    [InlineData("tiff")]
    public void LoadCategory_ReadsImagesOfEachSupportedFormat(string extension)
    {
        var category = WriteCategory();
        _folder.WriteImage($"widget/train/good/002.{extension}", gray: 200);

        var image = MvtecAdDataset.LoadCategory(category).Train[2];
        using var decoded = image.Open();

        Assert.EndsWith(extension, image.Name);
        Assert.Equal((8, 6), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Open_Decodes16BitGrayPngScaledTo8Bit()
    {
        var category = WriteCategory();
        using (var gray16 = new Image<L16>(8, 6, new L16(ushort.MaxValue)))
            gray16.SaveAsPng(_folder.File("widget/train/good/002.png"));

        using var decoded = MvtecAdDataset.LoadCategory(category).Train[2].Open();

        Assert.Equal(new Rgb24(255, 255, 255), decoded[3, 3]);
    }

    [Fact]
    public void Open_DecodesRgbaPngDroppingAlpha()
    {
        var category = WriteCategory();
        using (var rgba = new Image<Rgba32>(8, 6, new Rgba32(10, 20, 30, 255)))
            rgba.SaveAsPng(_folder.File("widget/train/good/002.png"));

        using var decoded = MvtecAdDataset.LoadCategory(category).Train[2].Open();

        Assert.Equal(new Rgb24(10, 20, 30), decoded[3, 3]);
    }

    [Fact]
    public void LoadRoot_LoadsEveryCategoryInOrdinalOrder()
    {
        WriteCategory("zipper");
        WriteCategory("bottle");

        var datasets = MvtecAdDataset.LoadRoot(_folder.Path);

        Assert.Equal(["bottle", "zipper"], datasets.Select(dataset => dataset.Name));
    }

    [Fact]
    public void LoadRoot_LoadsOnlyTheRequestedCategories()
    {
        WriteCategory("zipper");
        WriteCategory("bottle");

        var datasets = MvtecAdDataset.LoadRoot(_folder.Path, ["zipper"]);

        Assert.Equal(["zipper"], datasets.Select(dataset => dataset.Name));
    }

    [Fact]
    public void LoadRoot_AcceptsACategoryFolderItself()
    {
        var category = WriteCategory("widget");

        Assert.Equal(["widget"], MvtecAdDataset.LoadRoot(category).Select(dataset => dataset.Name));
    }

    [Fact]
    public void LoadRoot_UnknownCategory_ThrowsArgumentNamingItAndListingTheAvailable()
    {
        WriteCategory("zipper");
        WriteCategory("bottle");

        var error = Assert.Throws<ArgumentException>(() => MvtecAdDataset.LoadRoot(_folder.Path, ["carpet"]));

        Assert.Contains("'carpet'", error.Message);
        Assert.Contains("Available: bottle, zipper", error.Message);
    }

    [Fact]
    public void LoadRoot_FolderWithoutCategories_ThrowsInvalidDataNamingIt()
    {
        var error = Assert.Throws<InvalidDataException>(() => MvtecAdDataset.LoadRoot(_folder.Path));

        Assert.Contains(_folder.Path, error.Message);
    }

    [Fact]
    public void KnownCategories_AreTheFifteenOfMvtecAd()
    {
        Assert.Equal(15, MvtecAdLayout.Instance.KnownCategories.Count);
        Assert.Equal(5, MvtecAdLayout.TextureCategories.Count);
    }

    [SkippableFact]
    public void KolektorSdd_HasTheDocumentedImageCounts()
    {
        var dataset = MvtecAdDataset.LoadCategory(TestData.Require("kolektor-sdd"));

        Assert.Equal("kolektor-sdd", dataset.Name);
        Assert.Equal(210, dataset.Train.Count);
        Assert.Equal(138, dataset.Test.Count(sample => sample.DefectType == "good"));
        Assert.Equal(52, dataset.Test.Count(sample => sample.DefectType == "crack"));
        Assert.True(dataset.HasPixelLabels);
    }

    [SkippableFact]
    public void KolektorSdd_EveryCrackMaskHasItsImageSizeAndMarksDefectPixels()
    {
        var dataset = MvtecAdDataset.LoadCategory(TestData.Require("kolektor-sdd"));

        foreach (var sample in dataset.Test.Where(sample => sample.IsAnomalous))
        {
            using var image = sample.Image.Open();
            using var mask = sample.OpenMask();
            Assert.Equal(image.Size(), mask.Size());
            Assert.True(MaskPixels.CountDefects(mask) > 0, $"Mask of '{sample.Image.Name}' marks no defect.");
        }
    }
}
