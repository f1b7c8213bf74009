using TrisimpleNet.Core.Tests.Sharing;
using TrisimpleNet.Decisions;

namespace TrisimpleNet.Core.Tests.Decisions;

/// <summary>Calibration on defect-free images, at training time and afterwards, through the detector's own scorer.</summary>
public sealed class DetectorCalibrationTests
{
    [Fact]
    public void TrainingCalibratesOnTheHeldOutShare()
    {
        var options = TinyDetectors.Options();
        options.CalibrationShare = 0.3;
        using var detector = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).Train(TinyDetectors.Images(10, 1));
        Assert.Equal(3, detector.Decisions.CalibrationImageCount);
        Assert.False(detector.Decisions.CalibratedOnTrainingImages);
    }

    [Fact]
    public void WithoutAHeldOutShareTheThresholdLiesJustAboveTheLargestTrainingScore()
    {
        var options = TinyDetectors.Options();
        options.CalibrationShare = 0;
        var images = TinyDetectors.Images(6, 1);
        using var detector = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).Train(images);
        var predictions = detector.Predict(images);
        Assert.Equal(MathF.BitIncrement(predictions.Max(p => p.Score)), detector.Threshold);
        Assert.True(detector.Decisions.CalibratedOnTrainingImages);
        Assert.DoesNotContain(predictions, p => p.IsAnomalous);
    }

    [Fact]
    public void ASingleTrainingImageIsAlsoTheCalibrationImage()
    {
        using var detector = new AnomalyDetectorBuilder(TinyDetectors.Options()).WithBackbone(new TinyBackbone()).Train(TinyDetectors.Images(1, 1));
        Assert.Equal(1, detector.Decisions.CalibrationImageCount);
        Assert.True(detector.Decisions.CalibratedOnTrainingImages);
    }

    [Fact]
    public void CalibrateAtTenPercentLetsTwoOfTwentyNormalImagesBeAnomalous()
    {
        using var detector = TinyDetectors.Train();
        var normal = TinyDetectors.Images(20, 7);
        using var calibrated = detector.Calibrate(normal, targetFalsePositiveRate: 0.1);
        Assert.Equal(2, calibrated.Predict(normal).Count(p => p.IsAnomalous));
        Assert.Equal(20, calibrated.Decisions.CalibrationImageCount);
    }

    [Fact]
    public void ThePixelThresholdKeepsTheRateOfNormalPixelsInTheMask()
    {
        using var detector = TinyDetectors.Train();
        var normal = TinyDetectors.Images(10, 8);
        using var calibrated = detector.Calibrate(normal, targetFalsePositiveRate: 0.05);
        long pixels = 10L * 64 * 64;
        long masked = calibrated.Predict(normal).Sum(p => p.Mask.LongCount(inMask => inMask));
        Assert.InRange(masked, 1, (long)Math.Floor(0.05 * pixels));
    }

    [Fact]
    public void CalibrateLeavesTheOriginalDetectorUnchanged()
    {
        using var detector = TinyDetectors.Train();
        var before = detector.Decisions;
        using var calibrated = detector.Calibrate(TinyDetectors.Images(5, 9), CalibrationRule.MaxPlusMargin(1));
        Assert.Same(before, detector.Decisions);
        Assert.NotEqual(before.ImageThreshold, calibrated.Threshold);
    }

    [Fact]
    public void BrighterSurfacesThanTheNormalOnesAreAnomalousAtTheCalibratedThreshold()
    {
        using var detector = TinyDetectors.Train();
        using var calibrated = detector.Calibrate(TinyDetectors.Images(10, 10), CalibrationRule.MaxPlusMargin(0));
        Assert.All(calibrated.Predict(TinyDetectors.Images(3, 11, brightness: 200)), p => Assert.True(p.IsAnomalous));
    }
}
