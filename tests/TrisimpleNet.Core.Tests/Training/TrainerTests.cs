using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

public class TrainerTests
{
    private static IReadOnlyList<TrainingProgress> TrainOneEpoch(ComputePrecision precision)
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.EmbeddingWidth = options.LayerEmbeddingWidth = 8;
        options.DiscriminatorHiddenWidth = 16;
        options.Epochs = 1;
        options.Precision = precision;
        using var cache = new FeatureCache(randn([4, 3, 3, 8], generator: new Generator(3)));
        var parts = DefaultParts.ForTraining(options, 8, featureSpread: 1, new Generator(7));
        using var adaptor = parts.Adaptor.Network;
        using var discriminator = parts.Discriminator.Network;
        return new Trainer(options, parts, CPU).Train(cache, null, CancellationToken.None);
    }

    [Theory]
    [InlineData(ComputePrecision.Float32)]
    [InlineData(ComputePrecision.BFloat16)]
    public void EpochReportsNameTheExplicitPrecision(ComputePrecision precision) =>
        Assert.Equal(precision, TrainOneEpoch(precision).Single().Precision);

    [Fact]
    public void EpochReportsNameWhatAutoResolvedTo() =>
        Assert.Equal(AutoPrecision.Cpu, TrainOneEpoch(ComputePrecision.Auto).Single().Precision);

    [Fact]
    public void TheNoiseStreamIsNotTheWeightInitialisationStream()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.EmbeddingWidth = options.LayerEmbeddingWidth = 8;
        options.DiscriminatorHiddenWidth = 16;
        options.Epochs = 1;
        options.Seed = 42;
        using var cache = new FeatureCache(zeros([1, 3, 3, 8]));
        var recorder = new FirstDrawRecorder();
        var parts = DefaultParts.ForTraining(options, 8, featureSpread: 1) with { FakeAnomalyNoise = recorder };
        using var adaptor = parts.Adaptor.Network;
        using var discriminator = parts.Discriminator.Network;
        new Trainer(options, parts, CPU).Train(cache, null, CancellationToken.None);

        // What a generator seeded like the builder's initialisation generator draws first.
        using var initialisationStream = randn(recorder.FirstDraw!.shape, generator: new Generator((ulong)options.Seed));
        Assert.False(recorder.FirstDraw.allclose(initialisationStream));
        recorder.FirstDraw.Dispose();
    }

    private sealed class FirstDrawRecorder : Noise.INoiseGenerator
    {
        public Tensor? FirstDraw { get; private set; }

        public Tensor Perturb(Tensor features, Generator generator)
        {
            var draw = randn(features.shape, generator: generator);
            FirstDraw ??= draw.detach().clone().DetachFromDisposeScope();
            return features + draw;
        }
    }
}
