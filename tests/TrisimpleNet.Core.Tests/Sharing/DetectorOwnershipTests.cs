using TrisimpleNet.Adaptors;
using TorchSharp;
using TrisimpleNet.Backbones;
using TrisimpleNet.Features;
using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Sharing;

/// <summary>A part given to the builder belongs to exactly one detector; parts the builder made are freed when training fails.</summary>
public sealed class DetectorOwnershipTests
{
    [Fact]
    public void TrainingASecondDetectorWithTheSameBackboneFailsNamingThePart()
    {
        var builder = new AnomalyDetectorBuilder(TinyDetectors.Options()).WithBackbone(new TinyBackbone());
        using var first = builder.Train(TinyDetectors.Images(4, 1));
        var error = Assert.Throws<InvalidOperationException>(() => builder.Train(TinyDetectors.Images(4, 1)));
        Assert.Contains(nameof(TinyBackbone), error.Message);
        Assert.Contains(nameof(AnomalyDetectorBuilder.WithBackbone), error.Message);
    }

    [Fact]
    public void AnAdaptorGivenToTwoBuildersCanTrainOnlyOneDetector()
    {
        var adaptor = new LinearFeatureAdaptor(32, 32);
        using var first = new AnomalyDetectorBuilder(TinyDetectors.Options()).WithBackbone(new TinyBackbone()).WithAdaptor(adaptor)
            .Train(TinyDetectors.Images(4, 1));
        var second = new AnomalyDetectorBuilder(TinyDetectors.Options()).WithBackbone(new TinyBackbone()).WithAdaptor(adaptor);
        var error = Assert.Throws<InvalidOperationException>(() => second.Train(TinyDetectors.Images(4, 1)));
        Assert.Contains(nameof(LinearFeatureAdaptor), error.Message);
    }

    [Fact]
    public void AGivenPartIsTheCallersAgainWhenTrainingIsCancelled()
    {
        var backbone = new TinyBackbone();
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var builder = new AnomalyDetectorBuilder(TinyDetectors.Options()).WithBackbone(backbone);
        Assert.ThrowsAny<OperationCanceledException>(() => builder.Train(TinyDetectors.Images(4, 1), cancellationToken: cancellation.Token));
        using var detector = builder.Train(TinyDetectors.Images(4, 1));
        Assert.True(float.IsFinite(detector.Predict(TinyDetectors.Images(1, 2))[0].Score));
    }

    [Fact]
    public void EveryPartTheBuilderMadeIsDisposedWhenTrainingFails()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.InputHeight = 64;
        options.InputWidth = 64;
        options.DiscriminatorHiddenWidth = 16;
        options.EnsembleSize = 1; // an ensemble's members are the builder's own, disposed by it in any case
        var made = new List<IDisposable>();
        var builder = new AnomalyDetectorBuilder(options) { PartMade = made.Add };
        Assert.Throws<EpochFailure>(() => builder.Train(TinyDetectors.Images(2, 1), new FailAtFirstEpoch()));

        Assert.Equal(4, made.Count);
        var backbone = Assert.Single(made.OfType<IBackbone>());
        // Its maps were built by the feature extraction before the failure.
        Assert.Equal(0, Assert.Single(made.OfType<UnfoldPoolAggregator>()).CachedMapSets);
        Assert.ThrowsAny<Exception>(() => backbone.Extract(torch.zeros(1, 3, 64, 64)));
        Assert.All(made.OfType<torch.nn.Module>(), module => Assert.All(module.parameters(), p => Assert.True(p.IsInvalid)));
    }

    private sealed class EpochFailure : Exception;

    private sealed class FailAtFirstEpoch : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Stage == TrainingStage.Epoch) throw new EpochFailure();
        }
    }
}
