using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Benchmark;

/// <summary>
/// Writes results.json (every run and a summary per category and mode) and results.md (image and pixel AUROC per
/// category and mode, mean ± std over seeds; the means with 95% t-intervals over seeds; every run with DeLong's 95%
/// interval of its image AUROC).
/// </summary>
public static class BenchmarkResultFiles
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// Writes both files into <paramref name="folder"/>, each atomically, replacing earlier ones, and with
    /// <paramref name="robustness"/> results also robustness.json and robustness.md. results.json records the
    /// command-line <paramref name="arguments"/> that made it.
    /// </summary>
    public static void Write(IReadOnlyList<BenchmarkRunResult> runs, IReadOnlyList<RobustnessResult> robustness, string folder,
        IReadOnlyList<string> arguments)
    {
        if (robustness.Count > 0)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, "robustness.json"), JsonSerializer.Serialize(new { robustness }, JsonOptions));
            AtomicFile.WriteAllText(Path.Combine(folder, "robustness.md"), RobustnessMarkdown(robustness));
        }
        var summaries = BenchmarkSummary.Of(runs);
        AtomicFile.WriteAllText(Path.Combine(folder, "results.json"), JsonSerializer.Serialize(new { arguments, runs, summaries }, JsonOptions));
        var markdown = ResultTableMarkdown.Format(Table("Image AUROC (%)", runs, run => run.ImageAuroc));
        if (runs.Any(run => run.PixelAuroc is not null))
            markdown += Environment.NewLine + ResultTableMarkdown.Format(Table("Pixel AUROC (%)",
                runs.Where(run => run.PixelAuroc is not null).ToList(), run => run.PixelAuroc!.Value));
        markdown += Environment.NewLine + SummaryMarkdown(summaries) + Environment.NewLine + RunMarkdown(runs);
        AtomicFile.WriteAllText(Path.Combine(folder, "results.md"), markdown);
    }

    private static ResultTable Table(string title, IReadOnlyList<BenchmarkRunResult> runs, Func<BenchmarkRunResult, double> metric)
    {
        var table = new ResultTable(title);
        foreach (var run in runs)
            table.Add(run.Category, ResultNumbers.ModeName(run.Mode), metric(run));
        return table;
    }

    private static string SummaryMarkdown(IReadOnlyList<BenchmarkSummary> summaries)
    {
        var text = new StringBuilder();
        text.AppendLine("## Mean over seeds with 95% t-interval");
        text.AppendLine();
        text.AppendLine("| Category | Mode | Seeds | Image AUROC (%) | Pixel AUROC (%) | AUPRO (%) | Train (s) | Images/s |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var summary in summaries)
            text.AppendLine($"| {summary.Category} | {ResultNumbers.ModeName(summary.Mode)} | {string.Join(",", summary.Seeds)} | {ResultNumbers.Percent(summary.ImageAuroc)} | " +
                $"{ResultNumbers.Percent(summary.PixelAuroc)} | {ResultNumbers.Percent(summary.Aupro)} | {ResultNumbers.Plain(summary.TrainSeconds, "0.0")} | {ResultNumbers.Plain(summary.InferenceImagesPerSecond, "0.00")} |");
        return text.ToString();
    }

    private static string RunMarkdown(IReadOnlyList<BenchmarkRunResult> runs)
    {
        var text = new StringBuilder();
        text.AppendLine("## Every run, image AUROC with DeLong's 95% interval");
        text.AppendLine();
        text.AppendLine("| Category | Mode | Seed | Image AUROC (%) | Pixel AUROC (%) | AUPRO (%) | Train (s) | Images/s |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var run in runs)
        {
            text.AppendLine($"| {run.Category} | {ResultNumbers.ModeName(run.Mode)} | {run.Seed} | {ResultNumbers.Percent(run.ImageAuroc, run.ImageAurocDeLong)} | {ResultNumbers.Percent(run.PixelAuroc)} | {ResultNumbers.Percent(run.Aupro)} | " +
                ResultNumbers.Invariant($"{run.TrainSeconds:0.0} | {run.InferenceImagesPerSecond:0.00} |"));
        }
        return text.ToString();
    }

    private static string RobustnessMarkdown(IReadOnlyList<RobustnessResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("## Robustness of normal test images to small disturbances");
        text.AppendLine();
        text.AppendLine(ResultNumbers.Invariant($"Threshold: at most {100 * RobustnessMeasurement.CalibrationFalsePositiveRate:0}% false positives on the held-out clean training images. ") +
            "FPR: normal test images flagged. Clean vs disturbed: AUROC of disturbed against clean normals (50 is ideal). Defects: image AUROC against the disturbed normals.");
        text.AppendLine();
        text.AppendLine("| Category | Mode | Seed | Disturbance | FPR (%) | Clean vs disturbed AUROC (%) | Defect AUROC (%) |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var result in results)
        {
            text.AppendLine($"| {result.Category} | {ResultNumbers.ModeName(result.Mode)} | {result.Seed} | none | {ResultNumbers.Percent(result.CleanFalsePositiveRate)} | - | {ResultNumbers.Percent(result.CleanDefectAuroc)} |");
            foreach (var effect in result.Perturbations)
                text.AppendLine($"| {result.Category} | {ResultNumbers.ModeName(result.Mode)} | {result.Seed} | {effect.Perturbation} | {ResultNumbers.Percent(effect.FalsePositiveRate)} | " +
                    $"{ResultNumbers.Percent(effect.PerturbedVersusCleanAuroc)} | {ResultNumbers.Percent(effect.DefectAuroc)} |");
        }
        return text.ToString();
    }
}
