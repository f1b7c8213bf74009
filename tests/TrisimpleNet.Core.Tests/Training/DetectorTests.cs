using TrisimpleNet.Core.Tests.Sharing;
using TrisimpleNet.Imaging;
using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Training;

/// <summary>Training, prediction and persistence with a tiny random backbone on generated images: fast.</summary>
public sealed class DetectorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-detector-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static TrisimpleNetOptions SmallOptions() => TinyDetectors.Options();

    private static List<ImageSource> Images(int count, int seed) => TinyDetectors.Images(count, seed);

    private static AnomalyDetector Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        TinyDetectors.Train(progress, cancellationToken);

    private static AnomalyDetector Load(string path) => TinyDetectors.Load(path);

    [Fact]
    public void PredictionsHaveTheInputResolution()
    {
        using var detector = Train();
        var predictions = detector.Predict(Images(3, 2));
        Assert.Equal(3, predictions.Count);
        Assert.All(predictions, p => Assert.Equal((64, 64, 64 * 64), (p.Height, p.Width, p.Map.Length)));
        Assert.All(predictions, p => Assert.True(float.IsFinite(p.Score)));
    }

    [Fact]
    public void TheSameSeedGivesTheSameModel()
    {
        using var first = Train();
        using var second = Train();
        var test = Images(2, 3);
        Assert.Equal(first.Predict(test).Select(p => p.Score), second.Predict(test).Select(p => p.Score));
    }

    [Fact]
    public void ProgressIsReportedForExtractionAndEachEpoch()
    {
        var reports = new List<TrainingProgress>();
        using var detector = Train(new ListProgress(reports));
        // One of the six images is held out to calibrate the decisions.
        Assert.Contains(reports, r => r.Stage == TrainingStage.ExtractingFeatures && r.ImagesDone == 5);
        Assert.Equal([1, 2], reports.Where(r => r.Stage == TrainingStage.Epoch).Select(r => r.Epoch));
        Assert.All(reports.Where(r => r.Stage == TrainingStage.Epoch), r => Assert.InRange(r.NormalAboveThreshold, 0, 1));
    }

    [Fact]
    public void TheEpochsMeanScoresAreWhatALinearTruncatedLossIsMadeOf()
    {
        // Thresholds no score reaches make the truncated L1 (th+ - mean normal) + (mean fake - th-) exactly; with 4
        // training images (one of 5 held out) in steps of 2, the steps' means average to the epoch's.
        var options = SmallOptions();
        (options.PositiveThreshold, options.NegativeThreshold) = (1000, -1000);
        var reports = new List<TrainingProgress>();
        using var detector = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone())
            .Train(Images(5, 1), new ListProgress(reports));

        var epochs = reports.Where(r => r.Stage == TrainingStage.Epoch).ToList();
        Assert.Equal(options.Epochs, epochs.Count);
        Assert.All(epochs, r => Assert.Equal(2000 - r.MeanNormalScore + r.MeanFakeAnomalyScore, r.TruncatedL1Loss, 1e-3));
        Assert.All(epochs, r => Assert.True(r.MeanNormalScore > r.MeanFakeAnomalyScore, $"normal {r.MeanNormalScore}, fake {r.MeanFakeAnomalyScore}"));
    }

    [Fact]
    public void CancellationStopsTraining()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Train(cancellationToken: cancellation.Token));
    }

    [Fact]
    public void SaveAndLoadGiveIdenticalScores()
    {
        using var detector = Train();
        string path = Path.Combine(_folder, "model.tsn");
        detector.Save(path);
        using var loaded = Load(path);
        var test = Images(3, 4);
        Assert.Equal(detector.Predict(test).Select(p => p.Score), loaded.Predict(test).Select(p => p.Score));
        Assert.Equal(detector.Threshold, loaded.Threshold);
        Assert.Equal(detector.Decisions.PixelThreshold, loaded.Decisions.PixelThreshold);
        Assert.Equal(detector.Predict(test)[1].Map, loaded.Predict(test)[1].Map);
    }

    [Fact]
    public void TruncatedFileIsAClearError()
    {
        using var detector = Train();
        string path = Path.Combine(_folder, "model.tsn");
        detector.Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated or corrupted", error.Message);
    }

    [Fact]
    public void CorruptedByteIsAClearError()
    {
        using var detector = Train();
        string path = Path.Combine(_folder, "model.tsn");
        detector.Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 100] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => Load(path));
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void NewerFormatIsAClearError()
    {
        using var detector = Train();
        string path = Path.Combine(_folder, "model.tsn");
        detector.Save(path);
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes(99).CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => Load(path));
        Assert.Contains("format 99", error.Message);
    }

    [Fact]
    public void SavingOverAGoodFileLeavesNoTemporaryFiles()
    {
        using var detector = Train();
        string path = Path.Combine(_folder, "model.tsn");
        detector.Save(path);
        detector.Save(path);
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void BFloat16TrainingGivesFiniteScoresCloseToItsOwnUnfoldedNetwork()
    {
        var options = SmallOptions();
        options.Precision = ComputePrecision.BFloat16;
        using var detector = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).Train(Images(6, 1));
        var predictions = detector.Predict(Images(2, 6));
        Assert.All(predictions, p => Assert.True(float.IsFinite(p.Score)));
        Assert.Equal(ComputePrecision.BFloat16, detector.Options.Precision);
    }

    private sealed class ListProgress(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }
}
