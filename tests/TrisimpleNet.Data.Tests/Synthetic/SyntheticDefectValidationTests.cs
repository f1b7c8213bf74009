using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Synthetic;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Data.Tests.Synthetic;

/// <summary>The validation split for choosing settings: held-out training images, each as it is and with a painted defect.</summary>
public sealed class SyntheticDefectValidationTests
{
    private static AnomalyDataset Flat(int count) => new("flat",
        Enumerable.Range(0, count).Select(i => ImageSource.FromImage($"flat-{i}", new Image<Rgb24>(120, 300, new Rgb24(128, 128, 128)))).ToList(),
        [TestSample.Normal(ImageSource.FromImage("unused", new Image<Rgb24>(120, 300)))]);

    [Fact]
    public void HoldsOutTheShareAndScoresEachHeldOutImageAsItIsAndWithADefect()
    {
        var dataset = Flat(10);

        var split = SyntheticDefectValidation.Split(dataset, share: 0.3, seed: 1);

        Assert.Equal(7, split.Train.Count);
        Assert.Equal(6, split.Test.Count);
        Assert.Equal(3, split.AnomalousTestCount);
        var heldOut = split.Test.Where(sample => !sample.IsAnomalous).Select(sample => sample.Image.Name).ToList();
        Assert.Empty(heldOut.Intersect(split.Train.Select(image => image.Name)));
        Assert.Equal(dataset.Train.Select(image => image.Name).Order(), heldOut.Concat(split.Train.Select(image => image.Name)).Order());
        Assert.Equal(["crack", "hole", "scratch"], split.Test.Where(sample => sample.IsAnomalous).Select(sample => sample.DefectType).Order());
        Assert.True(split.HasPixelLabels);
    }

    [Fact]
    public void ThePaintedDefectChangesTheImageWhereItsMaskIsAndNowhereOutsideItsSquare()
    {
        using var image = new Image<Rgb24>(120, 300, new Rgb24(128, 128, 128));

        var (painted, mask) = SyntheticDefectValidation.Paint(image, new CrackDefect(), new Random(3));

        int side = (int)(SyntheticDefectValidation.SquareShare * 120);
        int masked = 0, changedUnderMask = 0, rowsChanged = 0;
        for (int y = 0; y < 300; y++)
        {
            bool rowChanged = false;
            for (int x = 0; x < 120; x++)
            {
                bool changed = painted[x, y].R != 128;
                rowChanged |= changed;
                if (mask[x, y].PackedValue == 0) continue;
                masked++;
                if (changed) changedUnderMask++;
            }
            if (rowChanged) rowsChanged++;
        }
        Assert.InRange(masked, 10, side * side / 2);
        Assert.Equal(masked, changedUnderMask);
        Assert.InRange(rowsChanged, 1, side);
        painted.Dispose();
        mask.Dispose();
    }

    [Fact]
    public void TheSameSeedGivesTheSameSplitAndDefects()
    {
        var dataset = Flat(6);

        var first = SyntheticDefectValidation.Split(dataset, 0.5, seed: 4);
        var second = SyntheticDefectValidation.Split(dataset, 0.5, seed: 4);

        Assert.Equal(first.Test.Select(sample => sample.Image.Name), second.Test.Select(sample => sample.Image.Name));
        using var a = first.Test[1].OpenMask();
        using var b = second.Test[1].OpenMask();
        Assert.True(Pixels(a).SequenceEqual(Pixels(b)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void AShareOutsideZeroToOneIsRefused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticDefectValidation.Split(Flat(4), share, seed: 0));

    [Fact]
    public void HoldingOutEveryImageIsRefusedNamingTheDataset()
    {
        var error = Assert.Throws<ArgumentException>(() => SyntheticDefectValidation.Split(Flat(1), 0.5, seed: 0));
        Assert.Contains("'flat' has 1 training images", error.Message);
    }

    private static byte[] Pixels(Image<L8> mask)
    {
        var values = new byte[mask.Width * mask.Height];
        mask.CopyPixelDataTo(values);
        return values;
    }
}
