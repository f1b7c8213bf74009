using TrisimpleNet.Imaging;
using TrisimpleNet.Parts;

namespace TrisimpleNet.Decisions;

/// <summary>
/// Calibrates decisions on defect-free images through the detector's own pipeline and scorer: the image threshold
/// from their image scores, the pixel threshold from every value of their maps, each by the same rule.
/// </summary>
internal static class DecisionCalibration
{
    public static AnomalyDecisions Calibrate(TrainedParts parts, IReadOnlyList<ImageSource> normalImages, CalibrationRule rule,
        int batchSize, bool onTrainingImages, CancellationToken cancellationToken)
    {
        if (normalImages.Count == 0) throw new ArgumentException("Calibration needs at least one defect-free image.", nameof(normalImages));
        int pixels = parts.Extractor.Preprocessor.Height * parts.Extractor.Preprocessor.Width;
        long mapValueCount = (long)normalImages.Count * pixels;
        if (mapValueCount > Array.MaxLength)
            throw new ArgumentException($"{normalImages.Count} calibration images of {pixels} pixels are too many to sort at once; use at most {Array.MaxLength / pixels}.", nameof(normalImages));
        var scores = new float[normalImages.Count];
        var mapValues = new float[mapValueCount];
        parts.ScoreBatches(normalImages, batchSize, (start, imageScores, maps) =>
        {
            imageScores.data<float>().CopyTo(scores, start);
            maps.data<float>().CopyTo(mapValues, start * pixels);
        }, cancellationToken);

        Array.Sort(scores);
        Array.Sort(mapValues);
        double imageSpread = StandardDeviation(scores), pixelSpread = StandardDeviation(mapValues);
        return new AnomalyDecisions(rule.Threshold(scores, imageSpread), rule.Threshold(mapValues, pixelSpread),
            Scale(imageSpread), Scale(pixelSpread), normalImages.Count, onTrainingImages);
    }

    private static double StandardDeviation(float[] values)
    {
        double mean = 0, squares = 0;
        foreach (float value in values) mean += value;
        mean /= values.Length;
        foreach (float value in values) squares += (value - mean) * (value - mean);
        return Math.Sqrt(squares / values.Length);
    }

    // One image's scores have no spread: normalise in raw score units then.
    private static float Scale(double spread) => spread > 0 && double.IsFinite(spread) ? (float)spread : 1;
}
