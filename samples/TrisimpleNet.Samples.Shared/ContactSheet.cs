using System.Globalization;
using SkiaSharp;

namespace TrisimpleNet.Samples;

/// <summary>
/// What an engineer reviews first: rows of thumbnails (heat map with the predicted outline in magenta and the
/// ground-truth outline in white), each row titled, each thumbnail captioned with its name and, below, its score.
/// </summary>
public static class ContactSheet
{
    /// <summary>Height of every thumbnail in pixels.</summary>
    public const int ThumbnailHeight = 200;

    private const int Gap = 6;
    private const float CaptionSize = 11;

    /// <summary>One titled row of images and their thumbnails.</summary>
    public sealed record Row(string Title, IReadOnlyList<(ScoredImage Image, SKImage Thumbnail)> Items);

    /// <summary>Saves <paramref name="rows"/> (empty rows are left out) as one picture at <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<Row> rows, string path)
    {
        var shown = rows.Where(row => row.Items.Count > 0).ToList();
        int RowWidth(Row row) => row.Items.Sum(item => ThumbnailWidth(item.Thumbnail) + Gap) + Gap;
        int width = Math.Max(400, shown.Count == 0 ? 0 : shown.Max(RowWidth));
        int rowHeight = PictureText.StripHeight + ThumbnailHeight + 2 * PictureText.StripHeight + Gap;
        int height = Math.Max(rowHeight, shown.Count * rowHeight);
        PngFile.Draw(path, width, height, canvas =>
        {
            for (int r = 0; r < shown.Count; r++)
            {
                float top = r * rowHeight;
                PictureText.Draw(canvas, shown[r].Title, Gap, top, width - 2 * Gap);
                float left = Gap;
                foreach (var (image, thumbnail) in shown[r].Items)
                {
                    int thumbnailWidth = ThumbnailWidth(thumbnail);
                    var target = SKRect.Create(left, top + PictureText.StripHeight, thumbnailWidth, ThumbnailHeight);
                    canvas.DrawImage(thumbnail, target, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
                    float below = top + PictureText.StripHeight + ThumbnailHeight;
                    PictureText.Draw(canvas, image.DisplayName, left, below, thumbnailWidth, CaptionSize);
                    PictureText.Draw(canvas, image.Score.ToString("0.###", CultureInfo.InvariantCulture), left, below + PictureText.StripHeight, thumbnailWidth, CaptionSize);
                    left += thumbnailWidth + Gap;
                }
            }
        });
    }

    private static int ThumbnailWidth(SKImage thumbnail) =>
        Math.Max(1, (int)Math.Round((double)thumbnail.Width * ThumbnailHeight / thumbnail.Height));
}
