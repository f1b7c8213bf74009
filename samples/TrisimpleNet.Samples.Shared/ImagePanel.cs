using System.Globalization;
using SkiaSharp;

namespace TrisimpleNet.Samples;

/// <summary>
/// One image's panel: a caption (name, score, verdict, label, map peak) over its tiles side by side at the source resolution
/// (input, heat map, predicted outline, ground-truth outline where there is a mask), each titled.
/// </summary>
public static class ImagePanel
{
    private const int Gap = 4;

    /// <summary>
    /// Saves the panel of <paramref name="image"/>'s <paramref name="tiles"/> to <paramref name="path"/>: the verdict
    /// against the image <paramref name="threshold"/>, the predicted outline drawn at <paramref name="outlineThreshold"/> (map units).
    /// </summary>
    public static void Save(ScoredImage image, ImageTiles tiles, float threshold, float outlineThreshold, string path)
    {
        var columns = new List<(string Title, SKImage Tile)>
        {
            ("input", tiles.Input),
            ("heat map", tiles.Heat),
            (string.Create(CultureInfo.InvariantCulture, $"map >= {outlineThreshold:0.###}"), tiles.Predicted),
        };
        if (tiles.GroundTruth is not null) columns.Add(("ground truth", tiles.GroundTruth));
        int tileWidth = tiles.Input.Width, tileHeight = tiles.Input.Height;
        int width = columns.Count * tileWidth + (columns.Count - 1) * Gap;
        int height = 2 * PictureText.StripHeight + tileHeight;
        PngFile.Draw(path, width, height, canvas =>
        {
            PictureText.Draw(canvas, Caption(image, threshold, outlineThreshold), 2, 0, width - 4);
            for (int i = 0; i < columns.Count; i++)
            {
                float left = i * (tileWidth + Gap);
                PictureText.Draw(canvas, columns[i].Title, left + 2, PictureText.StripHeight, tileWidth - 4);
                canvas.DrawImage(columns[i].Tile, left, 2 * PictureText.StripHeight);
            }
        });
    }

    /// <summary>
    /// "name: score S (threshold T) verdict, labelled L; map peak P, outlined at &gt;= O". The map peak is shown because
    /// the image score is taken before the map is smoothed: an image can be anomalous with no map pixel outlined.
    /// </summary>
    public static string Caption(ScoredImage image, float threshold, float outlineThreshold)
    {
        string label = image.IsAnomalous is null ? "" : $", labelled {image.Label}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{image.DisplayName}: score {image.Score:0.###} (threshold {threshold:0.###}) {image.VerdictAt(threshold)}{label}; map peak {image.Map.Max():0.###}, outlined at >= {outlineThreshold:0.###}");
    }
}
