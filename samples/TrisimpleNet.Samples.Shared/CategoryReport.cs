using System.Globalization;
using System.Net;
using System.Text;
using TrisimpleNet.Data.Metrics;
using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Samples;

/// <summary>
/// A self-contained <c>report.html</c> for one category: a summary table, the contact sheet, the histogram, the ROC
/// and PRO curves and the panels of the contact sheet's images embedded as data URIs, and a table of every image's
/// score. It opens in a browser with no server. When every image has loaded, a script sets
/// <c>data-images-loaded="true"</c> on the body (checked by the tests in headless Chromium).
/// </summary>
public static class CategoryReport
{
    /// <summary>Writes the report of <paramref name="images"/> and their <paramref name="pictures"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string category, IReadOnlyList<ScoredImage> images, float threshold, CategoryPictureFiles pictures)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>TrisimpleNet inspection: {{Encode(category)}}</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin-bottom: 1.5em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            tr.anomalous td { background: #fde8e8; }
            img { max-width: 100%; border: 1px solid #ddd; margin: 0.3em 0; }
            .plots { display: flex; gap: 1%; align-items: flex-start; }
            .plots img { width: 32%; }
            </style></head>
            <body data-images-loaded="pending">
            <h1>Inspection: {{Encode(category)}}</h1>

            """);
        AppendSummary(html, images, threshold, pictures);
        html.Append("<h2>Review first</h2>\n<p>Contact sheet: heat map, predicted outline (map at or above the threshold) in magenta, ground truth in white.</p>\n");
        AppendImage(html, pictures.ContactSheet, "contact sheet");
        html.Append("<h2>Scores and curves</h2>\n<div class=\"plots\">\n");
        AppendImage(html, pictures.Histogram, "score histogram");
        if (pictures.Roc is not null) AppendImage(html, pictures.Roc, "ROC curve");
        if (pictures.Pro is not null) AppendImage(html, pictures.Pro, "PRO curve");
        html.Append("</div>\n");
        if (pictures.Panels.Count > 0)
        {
            html.Append("<h2>Panels of the contact sheet's images</h2>\n");
            foreach (int i in pictures.ContactSheetIndexes) AppendImage(html, pictures.Panels[i], $"panel of {images[i].DisplayName}");
        }
        AppendScores(html, images, threshold, pictures, Path.GetDirectoryName(Path.GetFullPath(path))!);
        html.Append("""
            <script>
            window.addEventListener('load', () => {
              const images = Array.from(document.images);
              const loaded = images.every(image => image.complete && image.naturalWidth > 0);
              document.body.dataset.imagesLoaded = String(loaded);
              document.body.dataset.imageCount = String(images.length);
            });
            </script>
            </body></html>

            """);
        AtomicFile.WriteAllText(path, html.ToString());
    }

    private static void AppendSummary(StringBuilder html, IReadOnlyList<ScoredImage> images, float threshold, CategoryPictureFiles pictures)
    {
        var rows = new List<(string Name, string Value)>
        {
            ("images", Count(images.Count)),
            ("labelled normal", Count(images.Count(image => image.IsAnomalous == false))),
            ("labelled defect", Count(images.Count(image => image.IsAnomalous == true))),
            ("unlabelled", Count(images.Count(image => image.IsAnomalous is null))),
            ("anomalous verdicts", Count(images.Count(image => image.Score >= threshold))),
            ("threshold", Number(threshold)),
        };
        if (pictures.Roc is not null)
        {
            var labelled = images.Where(image => image.IsAnomalous is not null).ToList();
            rows.Add(("image AUROC", Number(Auroc.Compute(labelled.Select(image => image.Score).ToArray(), labelled.Select(image => image.IsAnomalous == true).ToArray()))));
        }
        if (pictures.Aupro is double aupro) rows.Add(("AUPRO (FPR up to 0.3)", Number(aupro)));
        html.Append("<table id=\"summary\">\n");
        foreach (var (name, value) in rows)
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Encode(name)}</th><td class=\"number\">{value}</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void AppendScores(StringBuilder html, IReadOnlyList<ScoredImage> images, float threshold, CategoryPictureFiles pictures, string reportFolder)
    {
        html.Append("<h2>Every image, highest score first</h2>\n<table id=\"scores\">\n<tr><th>file</th><th>image score</th><th>verdict</th><th>label</th><th>panel</th></tr>\n");
        foreach (int i in Enumerable.Range(0, images.Count).OrderByDescending(i => images[i].Score))
        {
            var image = images[i];
            string verdict = image.VerdictAt(threshold);
            string panel = pictures.Panels.Count > 0
                ? $"<a href=\"{Encode(Path.GetRelativePath(reportFolder, pictures.Panels[i]).Replace('\\', '/'))}\">panel</a>"
                : "";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{verdict}\"><td class=\"file\">{Encode(image.Image.Name)}</td><td class=\"number score\">{Score(image.Score)}</td><td>{verdict}</td><td>{image.Label}</td><td>{panel}</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    /// <summary>A score as the report shows it: four decimals, invariant culture.</summary>
    public static string Score(float score) => score.ToString("0.0000", CultureInfo.InvariantCulture);

    private static void AppendImage(StringBuilder html, string pngPath, string description) =>
        html.Append(CultureInfo.InvariantCulture,
            $"<img alt=\"{Encode(description)}\" title=\"{Encode(description)}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(pngPath))}\">\n");

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
