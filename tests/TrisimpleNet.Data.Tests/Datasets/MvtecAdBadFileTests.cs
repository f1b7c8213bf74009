using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Data.Datasets;

namespace TrisimpleNet.Data.Tests.Datasets;

/// <summary>Bad files in an MVTec-layout category: refused when the category is loaded, naming the file.</summary>
public sealed class MvtecAdBadFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string WriteCategory()
    {
        _folder.WriteImage("widget/train/good/000.png");
        _folder.WriteImage("widget/test/good/000.png");
        _folder.WriteImage("widget/test/scratch/000.png");
        _folder.WriteMask("widget/ground_truth/scratch/000_mask.png");
        return Path.Combine(_folder.Path, "widget");
    }

    [Fact]
    public void LoadCategory_EmptyMaskFile_ThrowsInvalidDataNamingTheMask()
    {
        var category = WriteCategory();
        var maskPath = _folder.File("widget/ground_truth/scratch/000_mask.png");
        File.WriteAllBytes(maskPath, []);

        var error = Assert.Throws<InvalidDataException>(() => MvtecAdDataset.LoadCategory(category));

        Assert.Contains(maskPath, error.Message);
        Assert.Contains("empty (0 bytes)", error.Message);
    }

    [Fact]
    public void LoadCategory_EmptyTestImage_ThrowsInvalidDataNamingIt()
    {
        var category = WriteCategory();
        var imagePath = _folder.File("widget/test/scratch/000.png");
        File.WriteAllBytes(imagePath, []);

        var error = Assert.Throws<InvalidDataException>(() => MvtecAdDataset.LoadCategory(category));

        Assert.Contains(imagePath, error.Message);
    }

    [Fact]
    public void LoadCategory_MaskOfAnExifRotatedImage_MustHaveTheUprightSize()
    {
        // The image is stored 8 wide and 6 high with EXIF orientation 6: upright (as decoded) it is 6 x 8.
        var category = WriteCategory();
        using (var stored = new Image<L8>(8, 6, new L8(128)))
        {
            stored.Metadata.ExifProfile = new ExifProfile();
            stored.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
            File.Delete(_folder.File("widget/test/scratch/000.png"));
            stored.SaveAsJpeg(_folder.File("widget/test/scratch/000.jpg"));
        }

        var error = Assert.Throws<InvalidDataException>(() => MvtecAdDataset.LoadCategory(category));
        Assert.Contains("is 8x6 but its image", error.Message);

        _folder.WriteMask("widget/ground_truth/scratch/000_mask.png", width: 6, height: 8);
        var sample = MvtecAdDataset.LoadCategory(category).Test.Single(s => s.IsAnomalous);
        using var image = sample.Image.Open();
        using var mask = sample.OpenMask();
        Assert.Equal((6, 8), (image.Width, image.Height));
        Assert.Equal((6, 8), (mask.Width, mask.Height));
    }
}
