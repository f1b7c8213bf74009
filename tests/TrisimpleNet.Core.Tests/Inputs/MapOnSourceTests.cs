using SixLabors.ImageSharp;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Core.Tests.Inputs;

public class MapOnSourceTests
{
    [Fact]
    public void AWholeImageMapCoversTheSourceAndKeepsItsOrder()
    {
        var preprocessor = ImagePreprocessor.ResizeWhole(height: 4, width: 2);
        float[] map = [0, 0, 1, 1, 2, 2, 3, 3]; // rising down the rows

        var onSource = preprocessor.MapOnSource(map, sourceWidth: 3, sourceHeight: 8);

        Assert.Equal(new Rectangle(0, 0, 3, 8), preprocessor.CoveredRegion(3, 8));
        Assert.Equal(24, onSource.Length);
        Assert.DoesNotContain(onSource, float.IsNaN);
        var rows = Enumerable.Range(0, 8).Select(y => onSource[(y * 3)..(y * 3 + 3)]).ToList();
        Assert.All(rows, row => Assert.Equal(row[0], row[2]));
        Assert.Equal(0f, rows[0][0]);
        Assert.Equal(3f, rows[7][0]);
        Assert.True(rows.Zip(rows.Skip(1)).All(pair => pair.First[0] <= pair.Second[0]));
    }

    [Fact]
    public void ACentreCropsMapCoversTheRegionItSawAndIsNaNElsewhere()
    {
        // KolektorSDD's 250 x 630 images under the paper's transform: the centre 219 x 219 source pixels.
        var preprocessor = ImagePreprocessor.ResizeAndCenterCrop(resize: 329, cropSize: 288);
        var ones = Enumerable.Repeat(1f, 288 * 288).ToArray();

        var onSource = preprocessor.MapOnSource(ones, sourceWidth: 250, sourceHeight: 630);

        var region = preprocessor.CoveredRegion(250, 630);
        Assert.Equal(new Rectangle(15, 205, 219, 219), region);
        Assert.Equal(250 * 630, onSource.Length);
        Assert.Equal(219 * 219, onSource.Count(value => value == 1f));
        Assert.True(float.IsNaN(onSource[0]));
        Assert.Equal(1f, onSource[region.Y * 250 + region.X]);
        Assert.True(float.IsNaN(onSource[region.Y * 250 + region.X - 1]));
    }

    [Fact]
    public void AMapOfAnotherSizeIsRefusedWithBothSizes()
    {
        var preprocessor = ImagePreprocessor.ResizeWhole(height: 4, width: 2);
        var error = Assert.Throws<ArgumentException>(() => preprocessor.MapOnSource(new float[6], 10, 10));
        Assert.Contains("6 values", error.Message);
        Assert.Contains("4 x 2", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => preprocessor.MapOnSource(new float[8], 0, 10));
    }
}
