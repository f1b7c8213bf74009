using TrisimpleNet.Core.Tests.Sharing;
using TrisimpleNet.Core.Tests.Training;
using TrisimpleNet.Noise;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// Training over a feature cache beyond its memory budget (here 0 bytes: always a file) gives the in-memory run's
/// detector bit for bit, and however training ends, this process maps nothing from the cache folder afterwards.
/// </summary>
public sealed class MappedCacheTrainingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-mappedtraining-").FullName;

    private TrisimpleNetOptions MappedOptions() => CheckpointRuns.Options(null, _folder);

    [SkippableFact]
    public void TrainingFromTheMappedFileGivesTheInMemoryDetectorBitForBit()
    {
        int epochsSeenMapped = 0;
        var seeMapping = new SynchronousProgress(report =>
        {
            if (report.Stage == TrainingStage.Epoch && MappedFeatures.Of(_folder).Length > 0) epochsSeenMapped++;
        });

        using var mapped = new AnomalyDetectorBuilder(MappedOptions()).WithBackbone(new TinyBackbone()).Train(CheckpointRuns.TrainingImages(), seeMapping);
        using var inMemory = CheckpointRuns.TrainUninterrupted();

        Assert.Equal(CheckpointRuns.Epochs, epochsSeenMapped);
        Assert.Equal(CheckpointRuns.History(inMemory), CheckpointRuns.History(mapped));
        Assert.Equal(CheckpointRuns.Scores(inMemory), CheckpointRuns.Scores(mapped));
        Assert.Empty(MappedFeatures.Of(_folder));
    }

    [SkippableFact]
    public void ACancellationDuringTrainingLeavesNoMapping()
    {
        using var cancellation = new CancellationTokenSource();
        var cancelAfterEpoch1 = new SynchronousProgress(report =>
        {
            if (report.Stage == TrainingStage.Epoch && report.Epoch == 1)
            {
                Assert.NotEmpty(MappedFeatures.Of(_folder));
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => Train(cancelAfterEpoch1, cancellation.Token));

        Assert.True(cancellation.IsCancellationRequested);
        Assert.Empty(MappedFeatures.Of(_folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [SkippableFact]
    public void ACancellationDuringFeatureExtractionLeavesNoMapping()
    {
        using var cancellation = new CancellationTokenSource();
        var cancelAfterFirstBatch = new SynchronousProgress(report =>
        {
            if (report.Stage == TrainingStage.ExtractingFeatures && !cancellation.IsCancellationRequested)
            {
                Assert.NotEmpty(MappedFeatures.Of(_folder));
                cancellation.Cancel();
            }
        });
        var options = MappedOptions();
        options.InferenceBatchSize = 2;

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).Train(CheckpointRuns.TrainingImages(), cancelAfterFirstBatch, cancellation.Token));

        Assert.True(cancellation.IsCancellationRequested);
        Assert.Empty(MappedFeatures.Of(_folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [SkippableFact]
    public void AFailedTrainingLeavesNoMapping()
    {
        var failing = new FailingNoise(() => Assert.NotEmpty(MappedFeatures.Of(_folder)));

        var error = Assert.Throws<InvalidOperationException>(() =>
            new AnomalyDetectorBuilder(MappedOptions()).WithBackbone(new TinyBackbone()).WithFakeAnomalyNoise(failing).Train(CheckpointRuns.TrainingImages()));

        Assert.Equal(FailingNoise.Message, error.Message);
        Assert.Empty(MappedFeatures.Of(_folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public void ADetectorTrainedWithACacheFolderLoadsWhereThatFolderIsGone()
    {
        var options = CheckpointRuns.Options(null, Directory.CreateTempSubdirectory("trisimplenet-gonefolder-").FullName);
        string model = Path.Combine(_folder, "model.tsn");
        using (var trained = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).Train(CheckpointRuns.TrainingImages()))
            trained.Save(model);
        Directory.Delete(options.FeatureCacheFolder!, recursive: true);

        using var loaded = TinyDetectors.Load(model);

        Assert.Null(loaded.Options.FeatureCacheFolder);
        Assert.True(float.IsFinite(loaded.Predict(CheckpointRuns.TrainingImages().Take(1).ToList())[0].Score));
    }

    private AnomalyDetector Train(IProgress<TrainingProgress> progress, CancellationToken cancellationToken) =>
        new AnomalyDetectorBuilder(MappedOptions()).WithBackbone(new TinyBackbone()).Train(CheckpointRuns.TrainingImages(), progress, cancellationToken);

    /// <summary>Fake-anomaly noise that runs a check, then fails, in the first training step.</summary>
    private sealed class FailingNoise(Action check) : INoiseGenerator
    {
        public const string Message = "noise failed on purpose";

        public Tensor Perturb(Tensor features, Generator generator)
        {
            check();
            throw new InvalidOperationException(Message);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
