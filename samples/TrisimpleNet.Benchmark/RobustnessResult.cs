namespace TrisimpleNet.Benchmark;

/// <summary>
/// One run's robustness to small disturbances of the normal test images, as robustness.json records it. The
/// threshold flags at most 1% of the held-out clean training images; <see cref="CleanFalsePositiveRate"/> is its
/// rate on the clean normal test images, and each <see cref="PerturbationEffect"/> says what one disturbance changed.
/// </summary>
public sealed record RobustnessResult(
    string Category,
    string Mode,
    int Seed,
    int CalibrationImages,
    double Threshold,
    double CleanFalsePositiveRate,
    double CleanDefectAuroc,
    IReadOnlyList<PerturbationEffect> Perturbations);
