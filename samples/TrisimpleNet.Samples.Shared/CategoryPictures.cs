using SkiaSharp;
using TrisimpleNet.Data.Metrics;

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

    /// <summary>Writes the pictures into <paramref name="folder"/> (created if needed) and returns their paths; <paramref name="panels"/> false skips the per-image panels.</summary>
    /// <exception cref="ArgumentException"><paramref name="images"/> is empty.</exception>
    public static CategoryPictureFiles Write(string folder, string category, IReadOnlyList<ScoredImage> images, float threshold, MapGeometry geometry,
        bool panels = true)
    {
        if (images.Count == 0) throw new ArgumentException($"Category '{category}' has no scored images to draw.", nameof(images));
        folder = Directory.CreateDirectory(folder).FullName;
        var panelFolder = Path.Combine(folder, "panels");
        if (panels) Directory.CreateDirectory(panelFolder);
        var scale = HeatScale.Of(images, threshold);
        var rows = ContactSheetRows(images);
        var reviewed = rows.SelectMany(row => row.Indexes).ToList();
        var thumbnails = new Dictionary<int, SKImage>();
        var pro = images.All(image => image.IsAnomalous is not null) && images.Any(image => image.IsAnomalous == true)
                  && images.All(image => image.IsAnomalous == false || image.OpenMask is not null)
            ? new AuproAccumulator()
            : null;
        var panelPaths = new List<string>();
        var contactSheet = Path.Combine(folder, "contact_sheet.png");
        try
        {
            for (int i = 0; i < images.Count; i++)
            {
                pro?.Add(images[i].Map, MaskAtMapResolution(images[i], geometry), geometry.MapWidth);
                if (!panels && !reviewed.Contains(i)) continue;
                using var tiles = ImageTiles.Render(images[i], geometry, threshold, scale);
                if (reviewed.Contains(i)) thumbnails[i] = Thumbnail(tiles.Thumbnail);
                if (!panels) continue;
                panelPaths.Add(Path.Combine(panelFolder, PanelFileName(i, images[i])));
                ImagePanel.Save(images[i], tiles, threshold, panelPaths[^1]);
            }
            ContactSheet.Save(rows.Select(row => new ContactSheet.Row(row.Title, row.Indexes.Select(i => (images[i], thumbnails[i])).ToList())).ToList(), contactSheet);
        }
        finally
        {
            foreach (var thumbnail in thumbnails.Values) thumbnail.Dispose();
        }

        var histogram = Path.Combine(folder, "histogram.png");
        ScoreHistogramPlot.Save(category, images, threshold, histogram);
        string? roc = null, proCurve = null;
        if (images.Any(image => image.IsAnomalous == true) && images.Any(image => image.IsAnomalous == false))
        {
            var labelled = images.Where(image => image.IsAnomalous is not null).ToList();
            roc = Path.Combine(folder, "roc.png");
            RocCurvePlot.Save(category, labelled.Select(image => image.Score).ToList(), labelled.Select(image => image.IsAnomalous == true).ToList(), roc);
        }
        if (pro is { RegionCount: > 0, NormalPixelCount: > 0 })
        {
            proCurve = Path.Combine(folder, "pro.png");
            ProCurvePlot.Save(category, pro, proCurve);
        }
        return new CategoryPictureFiles(contactSheet, histogram, roc, proCurve, panelPaths, reviewed,
            proCurve is null ? null : pro!.Compute());
    }

    /// <summary>The contact sheet's rows as indexes into <paramref name="images"/>.</summary>
    private static IReadOnlyList<(string Title, IReadOnlyList<int> Indexes)> ContactSheetRows(IReadOnlyList<ScoredImage> images)
    {
        var indexes = Enumerable.Range(0, images.Count).ToList();
        if (images.All(image => image.IsAnomalous is null))
            return [("highest-scoring images", indexes.OrderByDescending(i => images[i].Score).Take(ContactSheetCount).ToList())];
        return
        [
            ("highest-scoring normal images (false alarms first)",
                indexes.Where(i => images[i].IsAnomalous == false).OrderByDescending(i => images[i].Score).Take(ContactSheetCount).ToList()),
            ("lowest-scoring defects (misses first)",
                indexes.Where(i => images[i].IsAnomalous == true).OrderBy(i => images[i].Score).Take(ContactSheetCount).ToList()),
        ];
    }

    private static byte[] MaskAtMapResolution(ScoredImage image, MapGeometry geometry)
    {
        if (image.OpenMask is null) return new byte[geometry.MapHeight * geometry.MapWidth];
        using var mask = image.OpenMask();
        return geometry.MaskAtMapResolution(mask);
    }

    private static SKImage Thumbnail(SKImage thumbnail)
    {
        int width = Math.Max(1, (int)Math.Round((double)thumbnail.Width * ContactSheet.ThumbnailHeight / thumbnail.Height));
        using var bitmap = SKBitmap.FromImage(thumbnail);
        using var scaled = bitmap.Resize(new SKImageInfo(width, ContactSheet.ThumbnailHeight), new SKSamplingOptions(SKCubicResampler.Mitchell));
        return SKImage.FromBitmap(scaled);
    }

    private static string PanelFileName(int index, ScoredImage image)
    {
        var stem = string.Concat(image.DisplayName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        return $"{index:000}_{Path.GetFileNameWithoutExtension(stem)}.png";
    }
}
