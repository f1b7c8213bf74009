using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// A training run with checkpoints that is stopped resumes from its last checkpoint, and with a fixed seed the
/// resumed detector equals an uninterrupted run's bit for bit. A checkpoint of another run is refused clearly.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-checkpoints-").FullName;

    private string CheckpointPath => Path.Combine(_folder, "run.ckpt");

    [Fact]
    public void CheckpointIsWrittenAfterEveryNEpochs()
    {
        var epochsCheckpointed = new List<int>();
        var progress = new SynchronousProgress(report =>
        {
            if (report.Stage == TrainingStage.Epoch)
                epochsCheckpointed.Add(File.Exists(CheckpointPath) ? CheckpointFile.Read(CheckpointPath).Epoch : 0);
        });

        using var detector = CheckpointRuns.Builder(CheckpointPath).Train(CheckpointRuns.TrainingImages(), progress);

        Assert.Equal([0, 2, 2, 4], epochsCheckpointed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1.0)] // the checkpoint carries the weight average too
    public void RunCancelledAfterACheckpointResumesToTheUninterruptedRunsDetectorBitForBit(double? weightAveragingEpochs)
    {
        using var cancellation = new CancellationTokenSource();
        var cancelInEpoch3 = new SynchronousProgress(report =>
        {
            if (report.Stage == TrainingStage.Epoch && report.Epoch == 3) cancellation.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            CheckpointRuns.Builder(CheckpointPath, weightAveragingEpochs: weightAveragingEpochs)
                .Train(CheckpointRuns.TrainingImages(), cancelInEpoch3, cancellation.Token));
        Assert.Equal(2, CheckpointFile.Read(CheckpointPath).Epoch);

        using var resumed = CheckpointRuns.Builder(CheckpointPath, weightAveragingEpochs: weightAveragingEpochs)
            .ResumeFrom(CheckpointPath).Train(CheckpointRuns.TrainingImages());
        using var uninterrupted = CheckpointRuns.TrainUninterrupted(weightAveragingEpochs);

        Assert.Equal(CheckpointRuns.Scores(uninterrupted), CheckpointRuns.Scores(resumed));
        Assert.Equal(CheckpointRuns.History(uninterrupted), CheckpointRuns.History(resumed));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)] // the checkpoint carries the first pair's trained weights
    public void EnsembleRunCancelledInAPairResumesToTheUninterruptedRunsDetectorBitForBit(int cancelledPair)
    {
        using var cancellation = new CancellationTokenSource();
        var cancelInEpoch3 = new SynchronousProgress(report =>
        {
            if (report.Stage == TrainingStage.Epoch && report.Member == cancelledPair && report.Epoch == 3) cancellation.Cancel();
        });
        Assert.ThrowsAny<OperationCanceledException>(() =>
            CheckpointRuns.Builder(CheckpointPath).Configure(o => o.EnsembleSize = 2)
                .Train(CheckpointRuns.TrainingImages(), cancelInEpoch3, cancellation.Token));
        var checkpoint = CheckpointFile.Read(CheckpointPath);
        Assert.Equal((2, cancelledPair - 1), (checkpoint.Epoch, checkpoint.FinishedMembers.Count));
        Assert.Equal((cancelledPair - 1) * CheckpointRuns.Epochs + 2, checkpoint.History.Count);

        using var resumed = CheckpointRuns.Builder(CheckpointPath).Configure(o => o.EnsembleSize = 2)
            .ResumeFrom(CheckpointPath).Train(CheckpointRuns.TrainingImages());
        using var uninterrupted = CheckpointRuns.Builder(null).Configure(o => o.EnsembleSize = 2).Train(CheckpointRuns.TrainingImages());

        Assert.Equal(CheckpointRuns.Scores(uninterrupted), CheckpointRuns.Scores(resumed));
        Assert.Equal(CheckpointRuns.History(uninterrupted), CheckpointRuns.History(resumed));
        Assert.Equal(2 * CheckpointRuns.Epochs, resumed.TrainingHistory.Count);
    }

    [Fact]
    public void ACheckpointInFormat1FromBeforeEnsemblesStillResumes()
    {
        using (CheckpointRuns.Builder(CheckpointPath).Train(CheckpointRuns.TrainingImages())) { }
        var current = CheckpointFile.Read(CheckpointPath);
        var format1 = new ChecksummedContainer("training checkpoint", "TSNCKPT\n"u8.ToArray(), 1, 1).Write(
            new { current.Options, current.FeaturesSha256, current.Epoch, current.EpochsAtTarget, current.History }, current.State);
        File.WriteAllBytes(CheckpointPath, format1);

        var read = CheckpointFile.Read(CheckpointPath);
        using var resumed = CheckpointRuns.Builder(null).ResumeFrom(CheckpointPath).Train(CheckpointRuns.TrainingImages());
        using var uninterrupted = CheckpointRuns.TrainUninterrupted();

        Assert.Equal((current.Epoch, 0), (read.Epoch, read.FinishedMembers.Count));
        Assert.Equal(CheckpointRuns.Scores(uninterrupted), CheckpointRuns.Scores(resumed));
    }

    [Fact]
    public void ResumingWithAnOptionThatAffectsTrainingChangedFailsNamingItBeforeAnyImageIsRead()
    {
        using (CheckpointRuns.Builder(CheckpointPath).Train(CheckpointRuns.TrainingImages())) { }
        int imagesOpened = 0;
        var images = CheckpointRuns.TrainingImages().Select(image =>
            Imaging.ImageSource.FromFactory(image.Name, () => { Interlocked.Increment(ref imagesOpened); return image.Open(); })).ToList();

        var error = Assert.Throws<InvalidDataException>(() => CheckpointRuns.Builder(CheckpointPath)
            .Configure(o => o.FakeAnomalySigma = 0.5).ResumeFrom(CheckpointPath).Train(images));

        Assert.Contains(CheckpointPath, error.Message);
        Assert.Contains("FakeAnomalySigma (checkpoint 1, now 0.5)", error.Message);
        Assert.Equal(0, imagesOpened);
    }

    [Fact]
    public void ResumingWithOptionsThatDoNotAffectTrainingChangedIsAllowed()
    {
        using (CheckpointRuns.Builder(CheckpointPath).Train(CheckpointRuns.TrainingImages())) { }

        using var resumed = CheckpointRuns.Builder(null).Configure(o => o.InferenceBatchSize = 3)
            .ResumeFrom(CheckpointPath).Train(CheckpointRuns.TrainingImages());
        using var uninterrupted = CheckpointRuns.TrainUninterrupted();

        Assert.Equal(CheckpointRuns.Scores(uninterrupted), CheckpointRuns.Scores(resumed));
    }

    [Fact]
    public void ResumingOnOtherTrainingImagesFailsNamingTheCheckpoint()
    {
        using (CheckpointRuns.Builder(CheckpointPath).Train(CheckpointRuns.TrainingImages())) { }

        var error = Assert.Throws<InvalidDataException>(() => CheckpointRuns.Builder(CheckpointPath)
            .ResumeFrom(CheckpointPath).Train(Sharing.TinyDetectors.Images(6, 2)));

        Assert.Contains(CheckpointPath, error.Message);
        Assert.Contains("other training features", error.Message);
    }

    [Fact]
    public void ResumingFromAMissingCheckpointIsFileNotFoundNamingIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() =>
            CheckpointRuns.Builder(null).ResumeFrom(CheckpointPath).Train(CheckpointRuns.TrainingImages()));

        Assert.Equal(CheckpointPath, error.FileName);
    }

    [Theory]
    [InlineData(0.2)] // in the header
    [InlineData(0.7)] // in the state
    public void ResumingFromACheckpointWithAFlippedByteIsRefusedNamingIt(double position)
    {
        using (CheckpointRuns.Builder(CheckpointPath).Train(CheckpointRuns.TrainingImages())) { }
        var bytes = File.ReadAllBytes(CheckpointPath);
        bytes[(int)(bytes.Length * position)] ^= 0x10;
        File.WriteAllBytes(CheckpointPath, bytes);

        var error = Assert.Throws<InvalidDataException>(() =>
            CheckpointRuns.Builder(null).ResumeFrom(CheckpointPath).Train(CheckpointRuns.TrainingImages()));

        Assert.Contains(CheckpointPath, error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void ResumingFromADetectorFileIsRefusedSayingItIsNotACheckpoint()
    {
        var detectorPath = Path.Combine(_folder, "detector.tsn");
        using (var detector = CheckpointRuns.TrainUninterrupted()) detector.Save(detectorPath);

        var error = Assert.Throws<InvalidDataException>(() =>
            CheckpointRuns.Builder(null).ResumeFrom(detectorPath).Train(CheckpointRuns.TrainingImages()));

        Assert.Contains(detectorPath, error.Message);
        Assert.Contains("not a TrisimpleNet training checkpoint", error.Message);
    }

    [Fact]
    public void CheckpointWriteThatFailsHalfWayLeavesThePreviousCheckpoint()
    {
        using (CheckpointRuns.Builder(CheckpointPath).Train(CheckpointRuns.TrainingImages())) { }
        var previous = File.ReadAllBytes(CheckpointPath);
        var checkpoint = CheckpointFile.Read(CheckpointPath) with { Epoch = 3 };

        Assert.Throws<IOException>(() => CheckpointFile.Write(CheckpointPath, checkpoint, file => new Saving.FailingStream(file, failAfter: previous.Length / 2)));

        Assert.Equal(previous, File.ReadAllBytes(CheckpointPath));
        Assert.Equal(["run.ckpt"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
