using TrisimpleNet.Core.Tests.Sharing;
using TrisimpleNet.Features;
using TrisimpleNet.Noise;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// A cancellation in the middle of an epoch (here from the fake-anomaly noise of step 5, the second step of epoch 2)
/// stops training within one step, disposes what the builder made and returns no detector.
/// </summary>
public sealed class MidEpochCancellationTests
{
    private const int CancelAtStep = CheckpointRuns.StepsPerEpoch + 2;

    [Fact]
    public void AtMostOneMoreStepRunsAfterTheCancellation()
    {
        using var backbone = new TinyBackbone();
        var run = new CancellingRun(backbone);

        Assert.ThrowsAny<OperationCanceledException>(run.Train);

        Assert.InRange(run.Steps, CancelAtStep, CancelAtStep + 1);
    }

    [Fact]
    public void ThePartsTheBuilderMadeAreDisposed()
    {
        using var backbone = new TinyBackbone();
        var run = new CancellingRun(backbone);

        Assert.ThrowsAny<OperationCanceledException>(run.Train);

        Assert.Equal(3, run.Made.Count); // the adaptor, the discriminator and the default aggregator
        Assert.All(run.Made.OfType<nn.Module>(), module => Assert.All(module.parameters(), p => Assert.True(p.IsInvalid)));
        Assert.Equal(0, Assert.Single(run.Made.OfType<UnfoldPoolAggregator>()).CachedMapSets);
    }

    [Fact]
    public void TheGivenBackboneIsReleasedForAnotherTraining()
    {
        using var backbone = new TinyBackbone();
        var run = new CancellingRun(backbone);
        Assert.ThrowsAny<OperationCanceledException>(run.Train);

        using var detector = new AnomalyDetectorBuilder(CheckpointRuns.Options(null)).WithBackbone(backbone).Train(CheckpointRuns.TrainingImages());

        Assert.True(float.IsFinite(detector.Threshold));
    }

    /// <summary>CheckpointRuns' run whose fake-anomaly noise counts the steps and cancels the token in step <see cref="CancelAtStep"/>.</summary>
    private sealed class CancellingRun(TinyBackbone backbone) : INoiseGenerator
    {
        private readonly GaussianNoise _noise = new(1.0);
        private readonly CancellationTokenSource _cancellation = new();

        public int Steps { get; private set; }

        public List<IDisposable> Made { get; } = [];

        public void Train()
        {
            var builder = new AnomalyDetectorBuilder(CheckpointRuns.Options(null)) { PartMade = Made.Add }
                .WithBackbone(backbone)
                .WithFakeAnomalyNoise(this);
            using var detector = builder.Train(CheckpointRuns.TrainingImages(), cancellationToken: _cancellation.Token);
        }

        public Tensor Perturb(Tensor features, Generator generator)
        {
            if (++Steps == CancelAtStep) _cancellation.Cancel();
            return _noise.Perturb(features, generator);
        }
    }
}
