using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Data.Datasets;

namespace TrisimpleNet.Data.Tests.Datasets;

public sealed class FashionMnistDatasetTests : IDisposable
{
    private const string InstallHint = "Fashion-MNIST is absent: install it with 'apt-get install dataset-fashion-mnist'.";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Writes a miniature Fashion-MNIST of 2x3 images: training labels 0,1,1,2 and test labels 1,0,2; pixel values are the image index.</summary>
    private string WriteMiniature()
    {
        WriteImagesAndLabels(FashionMnistDataset.TrainImagesFile, FashionMnistDataset.TrainLabelsFile, [0, 1, 1, 2]);
        WriteImagesAndLabels(FashionMnistDataset.TestImagesFile, FashionMnistDataset.TestLabelsFile, [1, 0, 2]);
        return _folder.Path;
    }

    private void WriteImagesAndLabels(string imagesFile, string labelsFile, byte[] labels)
    {
        var pixels = labels.SelectMany((_, index) => Enumerable.Repeat((byte)index, 6)).ToArray();
        IdxFileWriter.Write(_folder.File(imagesFile), IdxFileWriter.ImagesMagic, [labels.Length, 2, 3], pixels);
        IdxFileWriter.Write(_folder.File(labelsFile), IdxFileWriter.LabelsMagic, [labels.Length], labels);
    }

    [Fact]
    public void Load_TrainsOnTheNormalClassOnly()
    {
        var dataset = FashionMnistDataset.Load(1, WriteMiniature());

        Assert.Equal(2, dataset.Train.Count);
    }

    [Fact]
    public void Load_ScoresEveryTestImageWithOnlyTheNormalClassNormal()
    {
        var dataset = FashionMnistDataset.Load(1, WriteMiniature());

        Assert.Equal([false, true, true], dataset.Test.Select(sample => sample.IsAnomalous));
    }

    [Fact]
    public void Load_LabelsAnomaliesWithTheirClassName()
    {
        var dataset = FashionMnistDataset.Load(1, WriteMiniature());

        Assert.Equal(["good", "t-shirt_top", "pullover"], dataset.Test.Select(sample => sample.DefectType));
    }

    [Fact]
    public void Load_NamesTheDatasetAfterTheNormalClass()
    {
        Assert.Equal("fashion-mnist-2", FashionMnistDataset.Load(2, WriteMiniature()).Name);
    }

    [Fact]
    public void Load_HasNoPixelLabels()
    {
        Assert.False(FashionMnistDataset.Load(1, WriteMiniature()).HasPixelLabels);
    }

    [Fact]
    public void Open_DecodesTheImagesPixelsAsGrayRgb()
    {
        var dataset = FashionMnistDataset.Load(1, WriteMiniature());

        using var image = dataset.Train[1].Open();

        Assert.Equal((3, 2, new Rgb24(2, 2, 2)), (image.Width, image.Height, image[2, 1]));
    }

    [Fact]
    public void Load_ClassOutOfRange_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FashionMnistDataset.Load(10, WriteMiniature()));
    }

    [Fact]
    public void Load_WrongMagicNumber_ThrowsInvalidDataNamingTheFile()
    {
        var folder = WriteMiniature();
        var labels = Path.Combine(folder, FashionMnistDataset.TestLabelsFile);
        IdxFileWriter.Write(labels, IdxFileWriter.ImagesMagic, [3], [1, 0, 2]);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnistDataset.Load(1, folder));

        Assert.Contains(labels, error.Message);
        Assert.Contains("magic number", error.Message);
    }

    [Fact]
    public void Load_DataShorterThanDeclared_ThrowsInvalidDataNamingTheFile()
    {
        var folder = WriteMiniature();
        var images = Path.Combine(folder, FashionMnistDataset.TrainImagesFile);
        IdxFileWriter.Write(images, IdxFileWriter.ImagesMagic, [4, 2, 3], new byte[23]);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnistDataset.Load(1, folder));

        Assert.Contains(images, error.Message);
    }

    [Fact]
    public void Load_ImageAndLabelCountsDiffering_ThrowsInvalidDataNamingBothFiles()
    {
        var folder = WriteMiniature();
        var labels = Path.Combine(folder, FashionMnistDataset.TrainLabelsFile);
        IdxFileWriter.Write(labels, IdxFileWriter.LabelsMagic, [3], [0, 1, 1]);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnistDataset.Load(1, folder));

        Assert.Contains(labels, error.Message);
        Assert.Contains(Path.Combine(folder, FashionMnistDataset.TrainImagesFile), error.Message);
    }

    [Fact]
    public void Load_LabelAboveNine_ThrowsInvalidDataNamingTheFile()
    {
        var folder = WriteMiniature();
        var labels = Path.Combine(folder, FashionMnistDataset.TestLabelsFile);
        IdxFileWriter.Write(labels, IdxFileWriter.LabelsMagic, [3], [1, 10, 2]);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnistDataset.Load(1, folder));

        Assert.Contains(labels, error.Message);
    }

    [Fact]
    public void Load_NotGzip_ThrowsInvalidDataNamingTheFile()
    {
        var folder = WriteMiniature();
        var images = Path.Combine(folder, FashionMnistDataset.TestImagesFile);
        File.WriteAllText(images, "not gzip");

        var error = Assert.Throws<InvalidDataException>(() => FashionMnistDataset.Load(1, folder));

        Assert.Contains(images, error.Message);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFoundNamingIt()
    {
        var folder = WriteMiniature();
        var labels = Path.Combine(folder, FashionMnistDataset.TestLabelsFile);
        File.Delete(labels);

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnistDataset.Load(1, folder));

        Assert.Contains(labels, error.Message);
    }

    [Fact]
    public void Load_MissingFolder_ThrowsDirectoryNotFoundSayingHowToInstall()
    {
        var missing = Path.Combine(_folder.Path, "missing");

        var error = Assert.Throws<DirectoryNotFoundException>(() => FashionMnistDataset.Load(1, missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [SkippableFact]
    public void Installed_ClassThreeHasTheOneClassProtocolCounts()
    {
        Skip.IfNot(Directory.Exists(FashionMnistDataset.DefaultFolder), InstallHint);

        var dataset = FashionMnistDataset.Load(3);

        Assert.Equal(6000, dataset.Train.Count);
        Assert.Equal(10000, dataset.Test.Count);
        Assert.Equal(9000, dataset.AnomalousTestCount);
    }

    [SkippableFact]
    public void Installed_LoadAllClassesGivesOneDatasetPerClassInOrder()
    {
        Skip.IfNot(Directory.Exists(FashionMnistDataset.DefaultFolder), InstallHint);

        var datasets = FashionMnistDataset.LoadAllClasses();

        Assert.Equal(Enumerable.Range(0, 10).Select(k => $"fashion-mnist-{k}"), datasets.Select(dataset => dataset.Name));
    }

    [SkippableFact]
    public void Installed_ImagesAre28By28()
    {
        Skip.IfNot(Directory.Exists(FashionMnistDataset.DefaultFolder), InstallHint);

        using var image = FashionMnistDataset.Load(0).Test[9999].Image.Open();

        Assert.Equal((28, 28), (image.Width, image.Height));
    }
}
