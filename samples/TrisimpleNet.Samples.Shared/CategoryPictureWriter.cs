using SkiaSharp;
using TrisimpleNet.Data.Metrics;

namespace TrisimpleNet.Samples;

/// <summary>
/// Draws the pictures of <see cref="CategoryPictures"/> while the maps arrive one image at a time, so that only the
/// image being drawn holds its map: <see cref="Draw"/> each image once, in any order, then <see cref="Finish"/>.
/// </summary>
public sealed class CategoryPictureWriter : IDisposable
{
    private readonly string _folder, _category;
    private readonly IReadOnlyList<ScoredImage> _images;
    private readonly float _threshold, _outlineThreshold;
    private readonly MapGeometry _geometry;
    private readonly HeatScale _scale;
    private readonly bool _panels;
    private readonly IReadOnlyList<(string Title, IReadOnlyList<int> Indexes)> _rows;
    private readonly HashSet<int> _reviewed;
    private readonly Dictionary<int, SKImage> _thumbnails = [];
    private readonly AuproAccumulator? _pro;
    private readonly string?[] _panelPaths;
    private readonly bool[] _drawn;

    /// <summary>
    /// Prepares <paramref name="folder"/> (created if needed) for <paramref name="images"/>: their scores, labels and
    /// masks are read here, their maps never (each comes with <see cref="Draw"/>, so they may be empty).
    /// <paramref name="panels"/> false skips the per-image panels. Verdicts use the image <paramref name="threshold"/>;
    /// predicted outlines are drawn where the map is at or above <paramref name="pixelThreshold"/> (a detector's
    /// <c>Decisions.PixelThreshold</c>, in map units), or above <paramref name="threshold"/> without one.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="images"/> is empty.</exception>
    public CategoryPictureWriter(string folder, string category, IReadOnlyList<ScoredImage> images, float threshold, MapGeometry geometry,
        HeatScale scale, bool panels = true, float? pixelThreshold = null)
    {
        if (images.Count == 0) throw new ArgumentException($"Category '{category}' has no scored images to draw.", nameof(images));
        _folder = Directory.CreateDirectory(folder).FullName;
        _category = category;
        _images = images;
        _threshold = threshold;
        _outlineThreshold = pixelThreshold ?? threshold;
        _geometry = geometry;
        _scale = scale;
        _panels = panels;
        if (panels) Directory.CreateDirectory(PanelFolder);
        _rows = ContactSheetRows(images);
        _reviewed = _rows.SelectMany(row => row.Indexes).ToHashSet();
        _pro = images.All(image => image.IsAnomalous is not null) && images.Any(image => image.IsAnomalous == true)
               && images.All(image => image.IsAnomalous == false || image.OpenMask is not null)
            ? new AuproAccumulator()
            : null;
        _panelPaths = new string?[images.Count];
        _drawn = new bool[images.Count];
    }

    private string PanelFolder => Path.Combine(_folder, "panels");

    /// <summary>Draws image <paramref name="index"/> with its <paramref name="map"/> (at the geometry's map resolution), which is not kept.</summary>
    public void Draw(int index, float[] map)
    {
        if (_drawn[index]) throw new InvalidOperationException($"Image {index} of '{_category}' was drawn already.");
        _drawn[index] = true;
        var image = _images[index] with { Map = map };
        _pro?.Add(map, MaskAtMapResolution(image), _geometry.MapWidth);
        if (!_panels && !_reviewed.Contains(index)) return;
        using var tiles = ImageTiles.Render(image, _geometry, _outlineThreshold, _scale);
        if (_reviewed.Contains(index)) _thumbnails[index] = Thumbnail(tiles.Thumbnail);
        if (!_panels) return;
        _panelPaths[index] = Path.Combine(PanelFolder, PanelFileName(index, image));
        ImagePanel.Save(image, tiles, _threshold, _outlineThreshold, _panelPaths[index]!);
    }

    /// <summary>Writes the contact sheet and the plots once every image was drawn, and returns the paths of every picture.</summary>
    /// <exception cref="InvalidOperationException">An image was not drawn.</exception>
    public CategoryPictureFiles Finish()
    {
        int missing = Array.IndexOf(_drawn, false);
        if (missing >= 0) throw new InvalidOperationException($"Image {missing} of '{_category}' ({_images[missing].DisplayName}) was not drawn.");
        var contactSheet = Path.Combine(_folder, "contact_sheet.png");
        ContactSheet.Save(_rows.Select(row => new ContactSheet.Row(row.Title, row.Indexes.Select(i => (_images[i], _thumbnails[i])).ToList())).ToList(),
            contactSheet);
        var histogram = Path.Combine(_folder, "histogram.png");
        ScoreHistogramPlot.Save(_category, _images, _threshold, histogram);
        string? roc = null, proCurve = null;
        if (_images.Any(image => image.IsAnomalous == true) && _images.Any(image => image.IsAnomalous == false))
        {
            var labelled = _images.Where(image => image.IsAnomalous is not null).ToList();
            roc = Path.Combine(_folder, "roc.png");
            RocCurvePlot.Save(_category, labelled.Select(image => image.Score).ToList(), labelled.Select(image => image.IsAnomalous == true).ToList(), roc);
        }
        if (_pro is { RegionCount: > 0, NormalPixelCount: > 0 })
        {
            proCurve = Path.Combine(_folder, "pro.png");
            ProCurvePlot.Save(_category, _pro, proCurve);
        }
        return new CategoryPictureFiles(contactSheet, histogram, roc, proCurve, _panels ? _panelPaths.Select(path => path!).ToList() : [],
            _rows.SelectMany(row => row.Indexes).ToList(), proCurve is null ? null : _pro!.Compute(), _outlineThreshold);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var thumbnail in _thumbnails.Values) thumbnail.Dispose();
        _thumbnails.Clear();
    }

    /// <summary>The contact sheet's rows as indexes into <paramref name="images"/>.</summary>
    private static IReadOnlyList<(string Title, IReadOnlyList<int> Indexes)> ContactSheetRows(IReadOnlyList<ScoredImage> images)
    {
        var indexes = Enumerable.Range(0, images.Count).ToList();
        if (images.All(image => image.IsAnomalous is null))
            return [("highest-scoring images", indexes.OrderByDescending(i => images[i].Score).Take(CategoryPictures.ContactSheetCount).ToList())];
        return
        [
            ("highest-scoring normal images (false alarms first)",
                indexes.Where(i => images[i].IsAnomalous == false).OrderByDescending(i => images[i].Score).Take(CategoryPictures.ContactSheetCount).ToList()),
            ("lowest-scoring defects (misses first)",
                indexes.Where(i => images[i].IsAnomalous == true).OrderBy(i => images[i].Score).Take(CategoryPictures.ContactSheetCount).ToList()),
        ];
    }

    private byte[] MaskAtMapResolution(ScoredImage image)
    {
        if (image.OpenMask is null) return new byte[_geometry.MapHeight * _geometry.MapWidth];
        using var mask = image.OpenMask();
        return _geometry.MaskAtMapResolution(mask);
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
