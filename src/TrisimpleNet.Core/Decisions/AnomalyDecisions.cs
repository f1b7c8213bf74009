using TrisimpleNet.Onnx;

namespace TrisimpleNet.Decisions;

/// <summary>
/// Turns raw scores into decisions, in the spirit of anomalib's post-processor: owns the image and pixel thresholds,
/// the normalisation of scores (monotone, 0.5 at the threshold) and the predicted defect mask. One rule everywhere:
/// a score at or above its threshold (<c>&gt;=</c>) is anomalous, as in the metrics. Metrics use the raw scores.
/// Immutable; make changed decisions with <see cref="WithImageThreshold"/> or <see cref="WithPixelThreshold"/>.
/// </summary>
public sealed class AnomalyDecisions
{
    /// <param name="imageThreshold">Image scores at or above this are anomalous.</param>
    /// <param name="pixelThreshold">Map values at or above this are in the defect mask.</param>
    /// <param name="imageScale">Image-score units per logistic unit of the normalised score (positive).</param>
    /// <param name="pixelScale">Map units per logistic unit of the normalised map (positive).</param>
    /// <param name="calibrationImageCount">Defect-free images the thresholds were calibrated on; 0 when set by hand.</param>
    /// <param name="calibratedOnTrainingImages">Whether those images were also training images (too few to hold any out).</param>
    public AnomalyDecisions(float imageThreshold, float pixelThreshold, float imageScale = 1, float pixelScale = 1,
        int calibrationImageCount = 0, bool calibratedOnTrainingImages = false)
    {
        if (float.IsNaN(imageThreshold)) throw new ArgumentOutOfRangeException(nameof(imageThreshold), "The image threshold must be a number.");
        if (float.IsNaN(pixelThreshold)) throw new ArgumentOutOfRangeException(nameof(pixelThreshold), "The pixel threshold must be a number.");
        if (!(imageScale > 0) || float.IsInfinity(imageScale)) throw new ArgumentOutOfRangeException(nameof(imageScale), imageScale, "The image scale must be positive and finite.");
        if (!(pixelScale > 0) || float.IsInfinity(pixelScale)) throw new ArgumentOutOfRangeException(nameof(pixelScale), pixelScale, "The pixel scale must be positive and finite.");
        ArgumentOutOfRangeException.ThrowIfNegative(calibrationImageCount);
        ImageThreshold = imageThreshold;
        PixelThreshold = pixelThreshold;
        ImageScale = imageScale;
        PixelScale = pixelScale;
        CalibrationImageCount = calibrationImageCount;
        CalibratedOnTrainingImages = calibratedOnTrainingImages;
    }

    /// <summary>Image scores at or above this are anomalous.</summary>
    public float ImageThreshold { get; }

    /// <summary>Map values at or above this are in the defect mask.</summary>
    public float PixelThreshold { get; }

    /// <summary>Image-score units per logistic unit: the standard deviation of the calibration images' scores.</summary>
    public float ImageScale { get; }

    /// <summary>Map units per logistic unit: the standard deviation of the calibration images' map values.</summary>
    public float PixelScale { get; }

    /// <summary>Defect-free images the thresholds were calibrated on; 0 when they were set by hand.</summary>
    public int CalibrationImageCount { get; }

    /// <summary>Whether the calibration images were training images too: then real false-positive rates are higher.</summary>
    public bool CalibratedOnTrainingImages { get; }

    /// <summary>Whether an image with <paramref name="score"/> is anomalous: score &gt;= <see cref="ImageThreshold"/>.</summary>
    public bool IsAnomalous(float score) => score >= ImageThreshold;

    /// <summary>
    /// The image score mapped monotonically to (0, 1): the logistic function of (score - threshold) / scale, so 0.5 at
    /// the threshold. Decide with <see cref="IsAnomalous"/> (raw scores): far from the threshold the normalised
    /// values round to 0 or 1.
    /// </summary>
    public float NormalizeImageScore(float score) => ScoreNormalization.Logistic(score, ImageThreshold, ImageScale);

    /// <summary>The map mapped monotonically to (0, 1), 0.5 at <see cref="PixelThreshold"/> (for display).</summary>
    public float[] NormalizeMap(ReadOnlySpan<float> map)
    {
        var normalized = new float[map.Length];
        for (int i = 0; i < map.Length; i++) normalized[i] = ScoreNormalization.Logistic(map[i], PixelThreshold, PixelScale);
        return normalized;
    }

    /// <summary>The predicted defect mask: true where the map value is at or above <see cref="PixelThreshold"/>.</summary>
    public bool[] Mask(ReadOnlySpan<float> map)
    {
        var mask = new bool[map.Length];
        for (int i = 0; i < map.Length; i++) mask[i] = map[i] >= PixelThreshold;
        return mask;
    }

    /// <summary>These decisions with image threshold <paramref name="threshold"/>.</summary>
    public AnomalyDecisions WithImageThreshold(float threshold) =>
        new(threshold, PixelThreshold, ImageScale, PixelScale, CalibrationImageCount, CalibratedOnTrainingImages);

    /// <summary>These decisions with pixel threshold <paramref name="threshold"/>.</summary>
    public AnomalyDecisions WithPixelThreshold(float threshold) =>
        new(ImageThreshold, threshold, ImageScale, PixelScale, CalibrationImageCount, CalibratedOnTrainingImages);
}
