namespace TrisimpleNet.Inspect;

/// <summary>What the inspection scores, with which model, and where it writes.</summary>
/// <param name="ModelPath">A detector saved by <c>AnomalyDetector.Save</c>.</param>
/// <param name="InputPath">An image file, a folder of images, or an MVTec-layout category folder (its labelled test split is scored).</param>
/// <param name="OutputFolder">Where scores.csv, report.html and the pictures go (cleared when a previous sample run wrote it).</param>
/// <param name="Threshold">Replaces the detector's threshold when set.</param>
/// <param name="Panels">Whether to write a panel per image (the contact sheet and plots are always written).</param>
public sealed record InspectSettings(string ModelPath, string InputPath, string OutputFolder, float? Threshold = null, bool Panels = true);
