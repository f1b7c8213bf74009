using TrisimpleNet.Decisions;

namespace TrisimpleNet.Core.Tests.Sharing;

/// <summary>Dispose is idempotent, a disposed detector refuses every use, and derived detectors keep the shared parts alive.</summary>
public sealed class DisposalTests
{
    [Fact]
    public void DisposingTwiceIsHarmless()
    {
        var detector = TinyDetectors.Train();
        detector.Dispose();
        detector.Dispose();
    }

    [Fact]
    public void EveryMemberOfADisposedDetectorThrowsObjectDisposed()
    {
        var detector = TinyDetectors.Train();
        detector.Dispose();
        var image = TinyDetectors.Images(1, 2);
        var uses = new Action[]
        {
            () => detector.Predict(image),
            () => detector.PredictBatches(image, (_, _, _) => { }),
            () => detector.Save(Path.Combine(Path.GetTempPath(), $"disposed-{Guid.NewGuid():N}.tsn")),
            () => _ = detector.Options,
            () => _ = detector.Threshold,
            () => _ = detector.InputHeight,
            () => _ = detector.InputWidth,
            () => _ = detector.Preprocessor,
            () => _ = detector.Backbone,
            () => _ = detector.FeatureSpread,
            () => _ = detector.TrainingHistory,
            () => _ = detector.InferenceBatchSize,
            () => _ = detector.Decisions,
            () => detector.WithDecisions(new AnomalyDecisions(1, 1)),
            () => detector.Calibrate(image),
            () => detector.WithInferenceBatchSize(2),
        };
        Assert.All(uses, use => Assert.Throws<ObjectDisposedException>(use));
    }

    [Fact]
    public void ADerivedDetectorStillPredictsAfterTheOriginalIsDisposed()
    {
        var original = TinyDetectors.Train();
        var images = TinyDetectors.Images(2, 3);
        var expected = original.Predict(images).Select(p => p.Score).ToArray();
        using var derived = original.WithDecisions(original.Decisions.WithImageThreshold(0));
        original.Dispose();
        Assert.Equal(expected, derived.Predict(images).Select(p => p.Score));
    }
}
