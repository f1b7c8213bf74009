namespace TrisimpleNet.Benchmark;

/// <summary>
/// What one disturbance of the normal test images did: the false-positive rate at the calibrated threshold, the
/// AUROC of disturbed against clean normal images (0.5 when the scores do not notice the disturbance), and the image
/// AUROC of the defects against the disturbed normal images.
/// </summary>
public sealed record PerturbationEffect(string Perturbation, double FalsePositiveRate, double PerturbedVersusCleanAuroc, double DefectAuroc);
