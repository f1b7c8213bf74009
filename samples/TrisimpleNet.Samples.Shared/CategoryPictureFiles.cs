namespace TrisimpleNet.Samples;

/// <summary>
/// What <see cref="CategoryPictures.Write"/> wrote: the paths of the pictures (ROC and PRO are null when the images
/// lack the labels or masks they need), a panel per image (in the images' order; empty when panels were skipped),
/// the indexes of the images on the contact sheet, the AUPRO behind the PRO curve, and the map value at or above which
/// the predicted outlines are drawn.
/// </summary>
public sealed record CategoryPictureFiles(
    string ContactSheet,
    string Histogram,
    string? Roc,
    string? Pro,
    IReadOnlyList<string> Panels,
    IReadOnlyList<int> ContactSheetIndexes,
    double? Aupro,
    float OutlineThreshold);
