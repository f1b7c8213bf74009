using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Evaluation;
using TrisimpleNet.Data.Metrics;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Benchmark;

/// <summary>
/// Measures a trained detector or baseline against <see cref="Perturbation.Standard"/> on the normal test images,
/// with the threshold calibrated at 1% false positives on clean training images held out from training (never on
/// test labels).
/// </summary>
public static class RobustnessMeasurement
{
    /// <summary>The calibration false-positive rate.</summary>
    public const double CalibrationFalsePositiveRate = 0.01;

    /// <summary>Splits off the last <paramref name="share"/> of the training images (at least one) for calibration.</summary>
    public static (AnomalyDataset Training, IReadOnlyList<ImageSource> Calibration) HoldOut(AnomalyDataset dataset, double share)
    {
        int held = Math.Max(1, (int)Math.Ceiling(share * dataset.Train.Count));
        if (held >= dataset.Train.Count)
            throw new ArgumentException($"--robustness {share} leaves no training image of the {dataset.Train.Count} in '{dataset.Name}'.");
        int kept = dataset.Train.Count - held;
        return (new AnomalyDataset(dataset.Name, dataset.Train.Take(kept).ToList(), dataset.Test), dataset.Train.Skip(kept).ToList());
    }

    /// <summary>Scores calibration, clean test and disturbed normal test images with <paramref name="predictor"/>.</summary>
    public static RobustnessResult Measure(IBatchPredictor predictor, IReadOnlyList<ImageSource> calibration, AnomalyDataset dataset, string mode, int seed)
    {
        double threshold = FalsePositiveRateThreshold.Compute(Scores(predictor, calibration), CalibrationFalsePositiveRate);
        var normals = dataset.Test.Where(sample => !sample.IsAnomalous).Select(sample => sample.Image).ToList();
        var defects = dataset.Test.Where(sample => sample.IsAnomalous).Select(sample => sample.Image).ToList();
        var cleanNormal = Scores(predictor, normals);
        var defectScores = Scores(predictor, defects);
        var effects = Perturbation.Standard.Select(perturbation =>
        {
            var disturbed = Scores(predictor, perturbation.Apply(normals));
            return new PerturbationEffect(perturbation.Name, FalsePositiveRate(disturbed, threshold),
                Separation(disturbed, cleanNormal), Separation(defectScores, disturbed));
        }).ToList();
        return new RobustnessResult(dataset.Name, mode, seed, calibration.Count, threshold, FalsePositiveRate(cleanNormal, threshold),
            Separation(defectScores, cleanNormal), effects);
    }

    private static double[] Scores(IBatchPredictor predictor, IReadOnlyList<ImageSource> images)
    {
        var scores = new float[images.Count];
        predictor.PredictBatches(images, (start, imageScores, _) => imageScores.data<float>().CopyTo(scores, start));
        return scores.Select(score => (double)score).ToArray();
    }

    // A score at or above the threshold is flagged, as FalsePositiveRateThreshold defines it.
    private static double FalsePositiveRate(double[] normalScores, double threshold) =>
        normalScores.Count(score => score >= threshold) / (double)normalScores.Length;

    // AUROC of `higher` (labelled positive) against `lower`.
    private static double Separation(double[] higher, double[] lower) =>
        Auroc.Compute([.. higher, .. lower], [.. higher.Select(_ => true), .. lower.Select(_ => false)]);
}
