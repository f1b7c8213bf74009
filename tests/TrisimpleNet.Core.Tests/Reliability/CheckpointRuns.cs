using TrisimpleNet.Core.Tests.Sharing;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// The training run the checkpoint tests interrupt and resume: <see cref="TinyDetectors"/>' options for 4 epochs on 6
/// images (5 trained on, one held out to calibrate: 3 steps per epoch), a checkpoint every 2 epochs.
/// </summary>
internal static class CheckpointRuns
{
    public const int Epochs = 4;
    public const int CheckpointEveryEpochs = 2;
    public const int StepsPerEpoch = 3;

    /// <summary>
    /// The run's options; a null <paramref name="checkpointPath"/> writes no checkpoints, and a
    /// <paramref name="cacheFolder"/> puts the feature cache in a file there (a memory budget of 0 bytes).
    /// </summary>
    public static TrisimpleNetOptions Options(string? checkpointPath, string? cacheFolder = null, double? weightAveragingEpochs = null)
    {
        var options = TinyDetectors.Options();
        options.Epochs = Epochs;
        options.WeightAveragingEpochs = weightAveragingEpochs;
        if (cacheFolder is not null)
        {
            options.FeatureCacheMemoryBudget = 0;
            options.FeatureCacheFolder = cacheFolder;
        }
        if (checkpointPath is not null)
        {
            options.CheckpointEveryEpochs = CheckpointEveryEpochs;
            options.CheckpointPath = checkpointPath;
        }
        return options;
    }

    public static List<ImageSource> TrainingImages() => TinyDetectors.Images(6, 1);

    public static AnomalyDetectorBuilder Builder(string? checkpointPath, string? cacheFolder = null, double? weightAveragingEpochs = null) =>
        new AnomalyDetectorBuilder(Options(checkpointPath, cacheFolder, weightAveragingEpochs)).WithBackbone(new TinyBackbone());

    /// <summary>The uninterrupted run, with no checkpoints.</summary>
    public static AnomalyDetector TrainUninterrupted(double? weightAveragingEpochs = null) =>
        Builder(null, weightAveragingEpochs: weightAveragingEpochs).Train(TrainingImages());

    /// <summary>The image threshold, then the image scores and maps of three images not trained on.</summary>
    public static float[] Scores(AnomalyDetector detector) =>
        detector.Predict(TinyDetectors.Images(3, 7)).SelectMany(p => p.Map.Prepend(p.Score)).Prepend(detector.Threshold).ToArray();

    /// <summary>The history without durations, which differ from run to run.</summary>
    public static IEnumerable<TrainingProgressWithoutTime> History(AnomalyDetector detector) =>
        detector.TrainingHistory.Select(p => new TrainingProgressWithoutTime(p.Epoch, p.Loss, p.TruncatedL1Loss, p.TripletLoss,
            p.NormalAboveThreshold, p.FakeBelowThreshold));

    public sealed record TrainingProgressWithoutTime(int Epoch, double Loss, double TruncatedL1Loss, double TripletLoss,
        double NormalAboveThreshold, double FakeBelowThreshold);
}
