namespace TrisimpleNet.Benchmark;

/// <summary>
/// One (category, mode, seed) run as written to results.json: metrics as fractions, pixel metrics null without masks,
/// peak working set null where it cannot be measured per run. <see cref="Epochs"/> is the number planned,
/// <see cref="EpochsRun"/> the number trained (fewer when early stopping ended training), and
/// <see cref="History"/> the training signals of each epoch.
/// </summary>
public sealed record BenchmarkRunResult(
    string Category,
    string Mode,
    string Backbone,
    int Seed,
    int Epochs,
    int EpochsRun,
    int? EarlyStoppingPatience,
    double ImageAuroc,
    double? PixelAuroc,
    double? Aupro,
    double F1Max,
    double TrainSeconds,
    double FeatureSeconds,
    double InferenceImagesPerSecond,
    double? PeakWorkingSetMb,
    IReadOnlyList<EpochSignals> History);
