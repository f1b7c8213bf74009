using TrisimpleNet.Data.Statistics;

namespace TrisimpleNet.Benchmark;

/// <summary>
/// One (category, mode, seed) run as written to results.json: metrics as fractions, pixel metrics null without masks,
/// peak working set null where it cannot be measured per run. <see cref="Epochs"/> is the number planned,
/// <see cref="EpochsRun"/> the number trained, summed over an ensemble's pairs (fewer when early stopping ended training;
/// 0 for PatchCore), and
/// <see cref="History"/> the training signals of each epoch. <see cref="ImageAurocDeLong"/> is DeLong's 95% interval
/// of this run's image AUROC (null with fewer than two test images of a class). For PatchCore,
/// <see cref="TrainSeconds"/> is the memory bank's construction (features and coreset), <see cref="FeatureSeconds"/>
/// is null, and <see cref="CoresetRatio"/> and <see cref="MemoryBankSize"/> describe the bank. <see cref="Input"/> is
/// the network input: "456x184" for the whole image resized (height x width), "288 of 329" for the paper's centre crop.
/// </summary>
public sealed record BenchmarkRunResult(
    string Category,
    string Mode,
    string Backbone,
    string Input,
    int Seed,
    int Epochs,
    int EpochsRun,
    int? EarlyStoppingPatience,
    double ImageAuroc,
    ConfidenceInterval? ImageAurocDeLong,
    double? PixelAuroc,
    double? Aupro,
    double F1Max,
    double TrainSeconds,
    double? FeatureSeconds,
    double InferenceImagesPerSecond,
    double? PeakWorkingSetMb,
    double? CoresetRatio,
    long? MemoryBankSize,
    IReadOnlyList<EpochSignals> History);
