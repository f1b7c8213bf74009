namespace TrisimpleNet.Data.Evaluation;

/// <summary>
/// The metrics of one detector on one category's test split, with the per-image scores and labels behind the
/// image-level numbers (for ROC curves). Pixel metrics are null when the dataset has no pixel labels.
/// </summary>
public sealed record CategoryEvaluation(
    string Category,
    double ImageAuroc,
    double? PixelAuroc,
    double? Aupro,
    double F1Max,
    double F1MaxThreshold,
    int NormalCount,
    int AnomalousCount,
    double InferenceImagesPerSecond,
    IReadOnlyList<float> ImageScores,
    IReadOnlyList<bool> ImageLabels);
