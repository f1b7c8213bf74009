using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>
/// A training set of BatchSize x k + 1 images ends every epoch with a batch of one image: the discriminator's
/// BatchNorm still trains (it sees that image's positions, with their fake anomalies and fake normals) and the
/// detector scores.
/// </summary>
public sealed class LastBatchOfOneImageTests
{
    [Theory]
    [InlineData(TrainingMethod.TrisimpleNet)]
    [InlineData(TrainingMethod.SimpleNet)]
    public void TrainingEndsEachEpochWithOneImageAndScoresFinitely(TrainingMethod method)
    {
        var options = TinyDetectorFixture.Options();
        (options.BatchSize, options.Epochs, options.Method) = (4, 2, method);
        var training = TinyDetectorFixture.Images(2 * options.BatchSize + 1);

        using var detector = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).Train(training);

        Assert.Equal(2, detector.TrainingHistory.Count);
        Assert.All(detector.TrainingHistory, epoch => Assert.True(double.IsFinite(epoch.TruncatedL1Loss)));
        Assert.True(float.IsFinite(detector.Threshold));
        Assert.All(detector.Predict(TinyDetectorFixture.Images(3, seed: 7)), p => Assert.True(float.IsFinite(p.Score)));
    }

    [Fact]
    public void TheLossFallsOverEpochsThatEndWithABatchOfOne()
    {
        var options = TinyDetectorFixture.Options();
        (options.BatchSize, options.Epochs) = (4, 8);
        var training = TinyDetectorFixture.Images(2 * options.BatchSize + 1);

        using var detector = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).Train(training);

        Assert.True(detector.TrainingHistory[^1].Loss < detector.TrainingHistory[0].Loss,
            $"loss {detector.TrainingHistory[0].Loss} in the first epoch, {detector.TrainingHistory[^1].Loss} in the last");
    }
}
