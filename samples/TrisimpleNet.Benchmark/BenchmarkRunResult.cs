namespace TrisimpleNet.Benchmark;

/// <summary>One (category, mode, seed) run as written to results.json: metrics as fractions, pixel metrics null without masks, peak working set null where it cannot be measured per run.</summary>
public sealed record BenchmarkRunResult(
    string Category,
    string Mode,
    string Backbone,
    int Seed,
    int Epochs,
    double ImageAuroc,
    double? PixelAuroc,
    double? Aupro,
    double F1Max,
    double TrainSeconds,
    double FeatureSeconds,
    double InferenceImagesPerSecond,
    double? PeakWorkingSetMb);
