namespace TrisimpleNet.Core.Tests.Sharing;

/// <summary>A trained detector cannot be changed from outside: options are a copy, changes make new detectors.</summary>
public sealed class ImmutabilityTests
{
    [Fact]
    public void ChangingTheReturnedOptionsChangesNothingInTheDetector()
    {
        using var detector = TinyDetectors.Train();
        detector.Options.SmoothingSigma = 1;
        detector.Options.InferenceBatchSize = 1;
        Assert.Equal(TinyDetectors.Options().SmoothingSigma, detector.Options.SmoothingSigma);
        Assert.Equal(TinyDetectors.Options().InferenceBatchSize, detector.InferenceBatchSize);
    }

    [Fact]
    public void WithDecisionsLeavesTheOriginalUnchanged()
    {
        using var detector = TinyDetectors.Train();
        float original = detector.Threshold;
        using var stricter = detector.WithDecisions(detector.Decisions.WithImageThreshold(original + 1));
        Assert.Equal(original, detector.Threshold);
        Assert.Equal(original + 1, stricter.Threshold);
    }

    [Fact]
    public void WithInferenceBatchSizeGivesTheSameScoresUpToRounding()
    {
        using var detector = TinyDetectors.Train();
        using var oneByOne = detector.WithInferenceBatchSize(1);
        var images = TinyDetectors.Images(3, 4);
        Assert.Equal(1, oneByOne.InferenceBatchSize);
        // Other batch shapes sum in another order: equal to float rounding, not bit for bit.
        Assert.Equal(detector.Predict(images).Select(p => (double)p.Score), oneByOne.Predict(images).Select(p => (double)p.Score),
            (a, b) => Math.Abs(a - b) < 1e-5);
    }
}
