namespace TrisimpleNet.Samples;

/// <summary>
/// Writes the pictures of one category's scored images: a panel per image at the source resolution, a contact sheet
/// of the highest-scoring normal images and the lowest-scoring defects, a score histogram with the threshold, and,
/// with labels, the ROC curve and (with masks for every defect) the PRO curve.
/// </summary>
/// <example>
/// <code>
/// var pictures = CategoryPictures.Write("pictures", dataset.Name, dataset.Test.Zip(predictions, ScoredImage.Of).ToList(),
///     detector.Threshold, MapGeometry.Of(detector));
/// </code>
/// </example>
public static class CategoryPictures
{
    /// <summary>Images per contact-sheet row.</summary>
    public const int ContactSheetCount = 6;

    /// <summary>
    /// Writes the pictures into <paramref name="folder"/> (created if needed) and returns their paths; <paramref name="panels"/>
    /// false skips the per-image panels. Outlines are drawn at <paramref name="pixelThreshold"/> (a detector's
    /// <c>Decisions.PixelThreshold</c>), or at <paramref name="threshold"/> without one.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="images"/> is empty.</exception>
    public static CategoryPictureFiles Write(string folder, string category, IReadOnlyList<ScoredImage> images, float threshold, MapGeometry geometry,
        bool panels = true, float? pixelThreshold = null)
    {
        if (images.Count == 0) throw new ArgumentException($"Category '{category}' has no scored images to draw.", nameof(images));
        using var writer = new CategoryPictureWriter(folder, category, images, threshold, geometry,
            HeatScale.Of(images, pixelThreshold ?? threshold), panels, pixelThreshold);
        for (int i = 0; i < images.Count; i++) writer.Draw(i, images[i].Map);
        return writer.Finish();
    }
}
