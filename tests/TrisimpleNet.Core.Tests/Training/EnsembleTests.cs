using Microsoft.Extensions.Options;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Core.Tests.Reliability;
using TrisimpleNet.Core.Tests.Sharing;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

public sealed class EnsembleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-ensemble-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A trained-looking pair: random weights and BatchNorm statistics, in inference mode.
    private static (LinearFeatureAdaptor, MlpDiscriminator) Member(int seed, bool adaptorBias)
    {
        using var generator = new Generator((ulong)seed);
        var adaptor = new LinearFeatureAdaptor(8, 8, adaptorBias, generator: generator);
        var discriminator = new MlpDiscriminator(8, 16, 2, generator: generator);
        using (no_grad())
        {
            adaptor.Bias?.copy_(randn(8, generator: generator));
            var (linear, norm) = discriminator.Blocks.Single();
            linear.bias!.copy_(randn(16, generator: generator));
            norm.weight!.copy_(randn(16, generator: generator));
            norm.bias!.copy_(randn(16, generator: generator));
            norm.running_mean!.copy_(randn(16, generator: generator));
            norm.running_var!.copy_(rand(16, generator: generator) + 0.5);
        }
        adaptor.eval();
        discriminator.eval();
        return (adaptor, discriminator);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheMergedPairScoresTheMeanOfItsMembers(bool adaptorBias)
    {
        var members = Enumerable.Range(0, 3).Select(seed => Member(seed, adaptorBias)).ToList();
        using var features = randn([50, 8], generator: new Generator(9));
        using var expected = stack(members.Select(m => m.Item2.forward(m.Item1.forward(features))).ToList(), 0).mean([0]);

        var (adaptor, discriminator) = EnsembleMerge.Merge(members);
        using (adaptor)
        using (discriminator)
        using (var merged = discriminator.forward(adaptor.forward(features)))
        {
            Assert.Equal([8L, 8L], adaptor.Weight.shape);
            Assert.Equal([48L, 8L], discriminator.FirstLinear!.weight!.shape);
            Assert.True(merged.allclose(expected, rtol: 1e-4, atol: 1e-4), $"largest difference {(merged - expected).abs().max().item<float>()}");
        }
        foreach (var (a, d) in members) { a.Dispose(); d.Dispose(); }
    }

    [Fact]
    public void ATrainedEnsembleIsItsMembersOneAfterTheOtherMergedAndSavesAsOneDetector()
    {
        var options = TinyDetectors.Options();
        using var single = TinyDetectors.Train(options);
        options.EnsembleSize = 2;
        using var ensemble = TinyDetectors.Train(options);

        // Member 0 is the single detector of the same seed; member 1 trains with seed + 1000.
        Assert.Equal(2 * options.Epochs, ensemble.TrainingHistory.Count);
        Assert.Equal(single.TrainingHistory.Select(h => h.Loss), ensemble.TrainingHistory.Take(options.Epochs).Select(h => h.Loss));
        Assert.NotEqual(single.TrainingHistory.Select(h => h.Loss), ensemble.TrainingHistory.Skip(options.Epochs).Select(h => h.Loss));
        var discriminator = Assert.IsType<MlpDiscriminator>(ensemble.Discriminator);
        Assert.Equal(2 * options.DiscriminatorHiddenWidth, discriminator.FirstLinear!.weight!.shape[0]);

        string path = Path.Combine(_folder, "ensemble.tsn");
        ensemble.Save(path);
        using var loaded = TinyDetectors.Load(path);
        var images = TinyDetectors.Images(3, 2);
        Assert.Equal(ensemble.Predict(images).Select(p => p.Score), loaded.Predict(images).Select(p => p.Score));
        Assert.Equal(2, loaded.Options.EnsembleSize);
    }

    [Fact]
    public void EpochReportsNameTheirPair()
    {
        var options = TinyDetectors.Options();
        options.EnsembleSize = 2;
        var reports = new List<TrainingProgress>();
        using var ensemble = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone())
            .Train(TinyDetectors.Images(6, 1), new SynchronousProgress(report => { if (report.Stage == TrainingStage.Epoch) reports.Add(report); }));

        Assert.Equal([(1, 1, 2), (1, 2, 2), (2, 1, 2), (2, 2, 2)], reports.Select(r => (r.Member, r.Epoch, r.Members)));
        Assert.Equal(reports.Select(r => (r.Member, r.Epoch)), ensemble.TrainingHistory.Select(r => (r.Member, r.Epoch)));
    }

    [Fact]
    public void AnEnsembleTrimsTheHeapOnlyAfterItsLastPair()
    {
        // The pairs before the last keep their freed blocks for the next pair's steps: an ensemble trims as often as
        // one pair does, after building the feature cache and after training.
        int TrimsWhileTraining(int pairs)
        {
            var options = TinyDetectors.Options();
            options.EnsembleSize = pairs;
            int before = NativeHeap.TrimsOnThisThread;
            using var detector = TinyDetectors.Train(options);
            return NativeHeap.TrimsOnThisThread - before;
        }

        Assert.Equal(2, TrimsWhileTraining(1));
        Assert.Equal(2, TrimsWhileTraining(3));
    }

    [Fact]
    public void ANullSizeTrainsThreePairsWithTheBuiltInParts()
    {
        var options = TinyDetectors.Options();
        options.EnsembleSize = null;
        using var detector = TinyDetectors.Train(options);

        Assert.Equal(3, detector.Options.EnsembleSize);
        Assert.Equal(3 * options.DiscriminatorHiddenWidth, Assert.IsType<MlpDiscriminator>(detector.Discriminator).FirstLinear!.weight!.shape[0]);
        Assert.Equal(3, detector.TrainingHistory.Select(r => r.Member).Distinct().Count());
    }

    [Theory]
    [InlineData("adaptor")]
    [InlineData("discriminator")]
    [InlineData("three layers")]
    public void ANullSizeTrainsOnePairWhenThePairsCannotMerge(string reason)
    {
        var options = TinyDetectors.Options();
        options.EnsembleSize = null;
        if (reason == "three layers") options.DiscriminatorLayers = 3;
        var builder = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone());
        if (reason == "adaptor") builder.WithAdaptor(new LinearFeatureAdaptor(32, 32));
        if (reason == "discriminator") builder.WithDiscriminator(new MlpDiscriminator(32, 16));

        using var detector = builder.Train(TinyDetectors.Images(6, 1));

        Assert.Equal(1, detector.Options.EnsembleSize);
        Assert.Equal(options.Epochs, detector.TrainingHistory.Count);
    }

    [Fact]
    public void ACustomDiscriminatorIsRefusedByNameBeforeTraining()
    {
        var options = TinyDetectors.Options();
        options.EnsembleSize = 3;
        using var custom = new MlpDiscriminator(32, 16);
        var builder = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).WithDiscriminator(custom);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Train(TinyDetectors.Images(6, 1)));
        Assert.Contains("EnsembleSize 3", error.Message);
        Assert.Contains("WithDiscriminator", error.Message);
    }

    [Theory]
    [InlineData(0, 2, "EnsembleSize is 0")]
    [InlineData(2, 3, "needs DiscriminatorLayers = 2")]
    public void SettingsAnEnsembleCannotTrainWithAreNamed(int size, int layers, string expected)
    {
        var options = TinyDetectors.Options();
        (options.EnsembleSize, options.DiscriminatorLayers) = (size, layers);

        var error = Assert.Throws<OptionsValidationException>(() => TrisimpleNetOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains(expected, error.Message);
    }
}
