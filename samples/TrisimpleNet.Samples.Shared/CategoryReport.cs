using System.Globalization;
using System.Text;
using TrisimpleNet.Data.Metrics;

namespace TrisimpleNet.Samples;

/// <summary>
/// A self-contained <c>report.html</c> for one category (a <see cref="ReportPage"/>): a summary table, the contact
/// sheet, the histogram, the ROC and PRO curves and the panels of the contact sheet's images embedded as data URIs,
/// and a table of every image's score. It opens in a browser with no server.
/// </summary>
public static class CategoryReport
{
    /// <summary>Writes the report of <paramref name="images"/> and their <paramref name="pictures"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string category, IReadOnlyList<ScoredImage> images, float threshold, CategoryPictureFiles pictures) =>
        ReportPage.Write(path, $"TrisimpleNet inspection: {category}", html =>
        {
            html.Append(CultureInfo.InvariantCulture, $"<h1>Inspection: {ReportPage.Encode(category)}</h1>\n");
            AppendSections(html, images, threshold, pictures, Path.GetDirectoryName(Path.GetFullPath(path))!, headingLevel: 2);
        });

    /// <summary>
    /// Appends the category's sections, headed at <paramref name="headingLevel"/>, to a page in <paramref name="reportFolder"/>
    /// (panel links are relative to it); <paramref name="idPrefix"/> keeps the tables' ids unique on a page of several categories.
    /// </summary>
    public static void AppendSections(StringBuilder html, IReadOnlyList<ScoredImage> images, float threshold, CategoryPictureFiles pictures,
        string reportFolder, int headingLevel, string idPrefix = "")
    {
        string Heading(string text) => $"<h{headingLevel}>{ReportPage.Encode(text)}</h{headingLevel}>\n";
        AppendSummary(html, images, threshold, pictures, idPrefix);
        html.Append(Heading("Review first"));
        html.Append(CultureInfo.InvariantCulture,
            $"<p>Contact sheet: heat map, predicted outline (map at or above {Number(pictures.OutlineThreshold)}) in magenta, ground truth in white.</p>\n");
        ReportPage.AppendImage(html, pictures.ContactSheet, "contact sheet");
        html.Append(Heading("Scores and curves")).Append("<div class=\"plots\">\n");
        ReportPage.AppendImage(html, pictures.Histogram, "score histogram");
        if (pictures.Roc is not null) ReportPage.AppendImage(html, pictures.Roc, "ROC curve");
        if (pictures.Pro is not null) ReportPage.AppendImage(html, pictures.Pro, "PRO curve");
        html.Append("</div>\n");
        if (pictures.Panels.Count > 0)
        {
            html.Append(Heading("Panels of the contact sheet's images"));
            foreach (int i in pictures.ContactSheetIndexes) ReportPage.AppendImage(html, pictures.Panels[i], $"panel of {images[i].DisplayName}");
        }
        html.Append(Heading("Every image, highest score first"));
        AppendScores(html, images, threshold, pictures, reportFolder, idPrefix);
    }

    private static void AppendSummary(StringBuilder html, IReadOnlyList<ScoredImage> images, float threshold, CategoryPictureFiles pictures, string idPrefix)
    {
        var rows = new List<(string Name, string Value)>
        {
            ("images", Count(images.Count)),
            ("labelled normal", Count(images.Count(image => image.IsAnomalous == false))),
            ("labelled defect", Count(images.Count(image => image.IsAnomalous == true))),
            ("unlabelled", Count(images.Count(image => image.IsAnomalous is null))),
            ("anomalous verdicts", Count(images.Count(image => image.Score >= threshold))),
            ("threshold", Number(threshold)),
            ("outline threshold (map)", Number(pictures.OutlineThreshold)),
        };
        if (pictures.Roc is not null)
        {
            var labelled = images.Where(image => image.IsAnomalous is not null).ToList();
            rows.Add(("image AUROC", Number(Auroc.Compute(labelled.Select(image => image.Score).ToArray(), labelled.Select(image => image.IsAnomalous == true).ToArray()))));
        }
        if (pictures.Aupro is double aupro) rows.Add(("AUPRO (FPR up to 0.3)", Number(aupro)));
        html.Append(CultureInfo.InvariantCulture, $"<table id=\"{idPrefix}summary\">\n");
        foreach (var (name, value) in rows)
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{ReportPage.Encode(name)}</th><td class=\"number\">{value}</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void AppendScores(StringBuilder html, IReadOnlyList<ScoredImage> images, float threshold, CategoryPictureFiles pictures, string reportFolder,
        string idPrefix)
    {
        html.Append(CultureInfo.InvariantCulture,
            $"<table id=\"{idPrefix}scores\">\n<tr><th>file</th><th>image score</th><th>verdict</th><th>label</th><th>panel</th></tr>\n");
        foreach (int i in Enumerable.Range(0, images.Count).OrderByDescending(i => images[i].Score))
        {
            var image = images[i];
            string verdict = image.VerdictAt(threshold);
            string panel = pictures.Panels.Count > 0
                ? $"<a href=\"{ReportPage.Encode(Path.GetRelativePath(reportFolder, pictures.Panels[i]).Replace('\\', '/'))}\">panel</a>"
                : "";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"{verdict}\"><td class=\"file\">{ReportPage.Encode(image.Image.Name)}</td><td class=\"number score\">{Score(image.Score)}</td><td>{verdict}</td><td>{image.Label}</td><td>{panel}</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    /// <summary>A score as the report shows it: four decimals, invariant culture.</summary>
    public static string Score(float score) => score.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
