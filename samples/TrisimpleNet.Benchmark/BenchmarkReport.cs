using System.Globalization;
using System.Text;
using TrisimpleNet.Samples;

namespace TrisimpleNet.Benchmark;

/// <summary>
/// The self-contained report.html of a run with <c>--pictures</c> (a <see cref="ReportPage"/>): the tables of
/// results.json (mean over seeds, every run), then for each (category, mode) of the first seed its pictures and
/// scores as <see cref="CategoryReport"/> lays them out. Each number cell carries <c>data-field</c>, the results.json
/// property it shows.
/// </summary>
public static class BenchmarkReport
{
    /// <summary>The report's file name in the output folder.</summary>
    public const string FileName = "report.html";

    /// <summary>Writes the report of <paramref name="runs"/> and <paramref name="pictures"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IReadOnlyList<BenchmarkRunResult> runs, IReadOnlyList<RunPictures> pictures, IReadOnlyList<string> arguments) =>
        ReportPage.Write(path, "TrisimpleNet benchmark", html =>
        {
            html.Append("<h1>Benchmark</h1>\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>Arguments: <code>{ReportPage.Encode(string.Join(' ', arguments))}</code></p>\n");
            AppendSummaries(html, BenchmarkSummary.Of(runs));
            AppendRuns(html, runs);
            var reportFolder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            foreach (var run in pictures)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<h2 id=\"{Id(run)}\">{ReportPage.Encode(run.Category)}, {ResultNumbers.ModeName(run.Mode)}, seed {run.Seed}</h2>\n");
                html.Append(CultureInfo.InvariantCulture, $"<p>Threshold {CategoryReport.Score(run.Threshold)}: {ReportPage.Encode(run.ThresholdSource)}.</p>\n");
                CategoryReport.AppendSections(html, run.Images, run.Threshold, run.Pictures, reportFolder, headingLevel: 3, idPrefix: Id(run) + "-");
            }
        });

    private static void AppendSummaries(StringBuilder html, IReadOnlyList<BenchmarkSummary> summaries)
    {
        html.Append("<h2>Mean over seeds with 95% t-interval</h2>\n<table id=\"summaries\">\n")
            .Append("<tr><th>category</th><th>mode</th><th>seeds</th><th>image AUROC (%)</th><th>pixel AUROC (%)</th><th>AUPRO (%)</th><th>train (s)</th><th>images/s</th></tr>\n");
        foreach (var summary in summaries)
            html.Append(CultureInfo.InvariantCulture, $"<tr data-summary=\"{ReportPage.Encode(summary.Category)}/{summary.Mode}\">")
                .Append(CultureInfo.InvariantCulture, $"<td>{ReportPage.Encode(summary.Category)}</td><td>{ResultNumbers.ModeName(summary.Mode)}</td><td>{string.Join(",", summary.Seeds)}</td>")
                .Append(Cell("image_auroc", ResultNumbers.Percent(summary.ImageAuroc)))
                .Append(Cell("pixel_auroc", ResultNumbers.Percent(summary.PixelAuroc)))
                .Append(Cell("aupro", ResultNumbers.Percent(summary.Aupro)))
                .Append(Cell("train_seconds", ResultNumbers.Plain(summary.TrainSeconds, "0.0")))
                .Append(Cell("inference_images_per_second", ResultNumbers.Plain(summary.InferenceImagesPerSecond, "0.00")))
                .Append("</tr>\n");
        html.Append("</table>\n");
    }

    private static void AppendRuns(StringBuilder html, IReadOnlyList<BenchmarkRunResult> runs)
    {
        html.Append("<h2>Every run, image AUROC with DeLong's 95% interval</h2>\n<table id=\"runs\">\n")
            .Append("<tr><th>category</th><th>mode</th><th>seed</th><th>epochs run</th><th>image AUROC (%)</th><th>pixel AUROC (%)</th><th>AUPRO (%)</th>")
            .Append("<th>F1-max (%)</th><th>train (s)</th><th>images/s</th></tr>\n");
        foreach (var run in runs)
            html.Append(CultureInfo.InvariantCulture, $"<tr data-run=\"{ReportPage.Encode(run.Category)}/{run.Mode}/{run.Seed}\">")
                .Append(CultureInfo.InvariantCulture, $"<td>{ReportPage.Encode(run.Category)}</td><td>{ResultNumbers.ModeName(run.Mode)}</td><td class=\"number\">{run.Seed}</td>")
                .Append(Cell("epochs_run", run.EpochsRun.ToString(CultureInfo.InvariantCulture)))
                .Append(Cell("image_auroc", ResultNumbers.Percent(run.ImageAuroc, run.ImageAurocDeLong)))
                .Append(Cell("pixel_auroc", ResultNumbers.Percent(run.PixelAuroc)))
                .Append(Cell("aupro", ResultNumbers.Percent(run.Aupro)))
                .Append(Cell("f1_max", ResultNumbers.Percent(run.F1Max)))
                .Append(Cell("train_seconds", ResultNumbers.Invariant($"{run.TrainSeconds:0.0}")))
                .Append(Cell("inference_images_per_second", ResultNumbers.Invariant($"{run.InferenceImagesPerSecond:0.00}")))
                .Append("</tr>\n");
        html.Append("</table>\n");
    }

    private static string Cell(string field, string value) => $"<td class=\"number\" data-field=\"{field}\">{value}</td>";

    private static string Id(RunPictures run) => $"{run.Category}-{run.Mode}-seed{run.Seed}";
}
