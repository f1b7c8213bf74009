using System.Diagnostics;
using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Metrics;

namespace TrisimpleNet.Data.Evaluation;

/// <summary>
/// Scores a dataset's test split batch by batch and computes image AUROC, F1-max and, with pixel labels, pixel
/// AUROC and AUPRO, holding only one batch of anomaly maps at a time.
/// </summary>
public static class Evaluator
{
    /// <summary>Evaluates <paramref name="detector"/> on the test split of <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">The test split lacks normal or anomalous images.</exception>
    public static CategoryEvaluation Evaluate(AnomalyDetector detector, AnomalyDataset dataset, CancellationToken cancellationToken = default) =>
        Evaluate(new DetectorBatchPredictor(detector), dataset, cancellationToken);

    /// <summary>Evaluates <paramref name="predictor"/> (a detector or a baseline) on the test split of <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">The test split lacks normal or anomalous images.</exception>
    public static CategoryEvaluation Evaluate(IBatchPredictor predictor, AnomalyDataset dataset, CancellationToken cancellationToken = default)
    {
        var test = dataset.Test;
        int anomalousCount = test.Count(sample => sample.IsAnomalous);
        int normalCount = test.Count - anomalousCount;
        if (anomalousCount == 0 || normalCount == 0)
            throw new ArgumentException(
                $"Dataset '{dataset.Name}' needs normal and anomalous test images to be evaluated (it has {normalCount} normal, {anomalousCount} anomalous).",
                nameof(dataset));

        var imageScores = new float[test.Count];
        var labels = test.Select(sample => sample.IsAnomalous).ToArray();
        var pixelScores = dataset.HasPixelLabels ? new PixelScoreAccumulator() : null;
        var aupro = dataset.HasPixelLabels ? new AuproAccumulator() : null;
        int width = predictor.Preprocessor.Width;
        int pixels = predictor.Preprocessor.Height * width;

        var stopwatch = Stopwatch.StartNew();
        predictor.PredictBatches(test.Select(sample => sample.Image).ToList(), (start, batchScores, maps) =>
        {
            batchScores.data<float>().CopyTo(imageScores, start);
            if (pixelScores is null || aupro is null) return;
            var mapValues = maps.data<float>().ToArray();
            for (int i = 0; i < batchScores.shape[0]; i++)
            {
                using var mask = test[start + i].OpenMask();
                var groundTruth = predictor.Preprocessor.PrepareMask(mask);
                var map = mapValues.AsSpan(i * pixels, pixels);
                pixelScores.Add(map, groundTruth);
                aupro.Add(map, groundTruth, width);
            }
        }, cancellationToken);
        double seconds = stopwatch.Elapsed.TotalSeconds;

        var f1Max = Metrics.F1Max.Compute(imageScores, labels);
        return new CategoryEvaluation(
            dataset.Name,
            Auroc.Compute(imageScores, labels),
            pixelScores?.ComputeAuroc(),
            aupro?.Compute(),
            f1Max.F1,
            f1Max.Threshold,
            normalCount,
            anomalousCount,
            test.Count / Math.Max(seconds, 1e-9),
            imageScores,
            labels);
    }
}
