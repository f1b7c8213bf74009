using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Samples.Tests;

/// <summary>The category pictures from scored images, without a detector.</summary>
public sealed class CategoryPicturesTests : TemporaryFolderTest
{
    private static readonly MapGeometry WholeImage = MapGeometry.Of(PictureFixture.WholeImageOptions());

    [Fact]
    public void WritesAPanelPerImageAtTheSourceResolutionWithFourTilesWhereThereIsAMask()
    {
        var images = PictureFixture.LabelledCategory();

        var pictures = CategoryPictures.Write(Folder, "fixture", images, threshold: 0.5f, WholeImage);

        Assert.Equal(images.Count, pictures.Panels.Count);
        var sizes = pictures.Panels.Select(path => { var info = Image.Identify(path); return (info.Width, info.Height); }).ToList();
        int height = 2 * PictureText.StripHeight + 32;
        Assert.Equal([(3 * 64 + 2 * 4, height), (3 * 64 + 2 * 4, height), (4 * 64 + 3 * 4, height), (4 * 64 + 3 * 4, height)], sizes);
    }

    [Fact]
    public void LabelledImagesWithMasksGetTheRocAndProCurvesAndUnlabelledOnesNeither()
    {
        var labelled = PictureFixture.LabelledCategory();
        var unlabelled = labelled.Select(image => image with { IsAnomalous = null, OpenMask = null }).ToList();

        var withLabels = CategoryPictures.Write(Path.Combine(Folder, "labelled"), "fixture", labelled, 0.5f, WholeImage);
        var withoutLabels = CategoryPictures.Write(Path.Combine(Folder, "unlabelled"), "fixture", unlabelled, 0.5f, WholeImage);

        Assert.True(File.Exists(withLabels.Roc) && File.Exists(withLabels.Pro));
        Assert.Equal((null, null), (withoutLabels.Roc, withoutLabels.Pro));
        Assert.True(File.Exists(withoutLabels.Histogram) && File.Exists(withoutLabels.ContactSheet));
    }

    [Fact]
    public void TheContactSheetShowsTheHighestScoringNormalImagesAndTheLowestScoringDefectsFirst()
    {
        var pictures = CategoryPictures.Write(Folder, "fixture", PictureFixture.LabelledCategory(), 0.5f, WholeImage);

        Assert.Equal([1, 0, 2, 3], pictures.ContactSheetIndexes);
    }

    [Fact]
    public void TheProCurveAreaIsTheAuproOfTheMapsAndMasksAtMapResolution()
    {
        // Maps peak on [4, 8)^2 of 16 x 16; the defects' masks, stretched from 64 x 32 to the maps, cover exactly that
        // square: every region is found before any normal pixel, so AUPRO is 1.
        var pictures = CategoryPictures.Write(Folder, "fixture", PictureFixture.LabelledCategory(), 0.5f, WholeImage);

        Assert.Equal(1.0, pictures.Aupro!.Value, 1e-12);
    }

    [Fact]
    public void ThePredictedOutlineTracesTheMapAboveTheThresholdInMagenta()
    {
        // A 16 x 16 image, so the map is not resampled: the hot square [4, 8)^2 is above the threshold, its border is outlined.
        var image = new ScoredImage(PictureFixture.GrayImage("a.png", 16, 16, 100), 0.9f, PictureFixture.MapWithHotSquare(0f, 1f), null, null);

        using var tiles = ImageTiles.Render(image, WholeImage, threshold: 0.5f, new HeatScale(0, 1));
        using var bitmap = SkiaSharp.SKBitmap.FromImage(tiles.Predicted);

        var outlined = Enumerable.Range(0, 16 * 16).Where(i => bitmap.GetPixel(i % 16, i / 16) == ImageTiles.PredictedColour).ToHashSet();
        var border = Enumerable.Range(4, 4).SelectMany(y => Enumerable.Range(4, 4).Select(x => (x, y)))
            .Where(p => p.x is 4 or 7 || p.y is 4 or 7).Select(p => p.y * 16 + p.x).ToHashSet();
        Assert.Equal(border, outlined);
    }

    [Fact]
    public void OutsideTheRegionTheDetectorSawTheHeatTileShowsTheInputDimmed()
    {
        // Resize 16, crop 16 on a 32 x 16 image: the map covers x [8, 24) of 32 (and all rows).
        var options = new TrisimpleNetOptions { Resize = 16, CropSize = 16 };
        var geometry = MapGeometry.Of(options);
        var image = new ScoredImage(PictureFixture.GrayImage("a.png", 32, 16, 200), 0f, new float[16 * 16], null, null);

        using var tiles = ImageTiles.Render(image, geometry, threshold: 1f, new HeatScale(0, 1));
        using var bitmap = SkiaSharp.SKBitmap.FromImage(tiles.Heat);

        Assert.Equal(new Rectangle(8, 0, 16, 16), geometry.CoveredRegion(32, 16));
        Assert.Equal(new SkiaSharp.SKColor(90, 90, 90), bitmap.GetPixel(0, 0));
        Assert.NotEqual(new SkiaSharp.SKColor(90, 90, 90), bitmap.GetPixel(16, 8));
    }

    [Fact]
    public void TheCoveredRegionOfThePapersCropOnAKolektorImageIsItsCentreSquare()
    {
        // 250 x 635 resized to 329 x 835, cropped to 288 from (20, 274): back in source pixels (15, 208), 219 x 219.
        var geometry = MapGeometry.Of(TrisimpleNetOptions.SimpleNet("unused.pth"));

        Assert.Equal(new Rectangle(15, 208, 219, 219), geometry.CoveredRegion(250, 635));
    }

    [Fact]
    public void AMaskOfAnotherSizeThanItsImageIsAnErrorNamingTheImage()
    {
        var image = new ScoredImage(PictureFixture.GrayImage("odd.png", 16, 16, 100), 0f, new float[16 * 16], true,
            () => new Image<L8>(8, 8));

        var error = Assert.Throws<InvalidDataException>(() => ImageTiles.Render(image, WholeImage, 1f, new HeatScale(0, 1)));

        Assert.Contains("odd.png", error.Message);
    }
}
