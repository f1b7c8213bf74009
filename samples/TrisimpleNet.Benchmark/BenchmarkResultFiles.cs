using System.Text.Json;
using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Benchmark;

/// <summary>Writes results.json (every run) and results.md (image AUROC per category and mode, mean ± std over seeds).</summary>
public static class BenchmarkResultFiles
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Writes both files into <paramref name="folder"/>, replacing earlier ones.</summary>
    public static void Write(IReadOnlyList<BenchmarkRunResult> runs, string folder)
    {
        File.WriteAllText(Path.Combine(folder, "results.json"), JsonSerializer.Serialize(new { runs }, JsonOptions));
        var markdown = ResultTableMarkdown.Format(Table("Image AUROC (%)", runs, run => run.ImageAuroc));
        if (runs.Any(run => run.PixelAuroc is not null))
            markdown += Environment.NewLine + ResultTableMarkdown.Format(Table("Pixel AUROC (%)",
                runs.Where(run => run.PixelAuroc is not null).ToList(), run => run.PixelAuroc!.Value));
        File.WriteAllText(Path.Combine(folder, "results.md"), markdown);
    }

    private static ResultTable Table(string title, IReadOnlyList<BenchmarkRunResult> runs, Func<BenchmarkRunResult, double> metric)
    {
        var table = new ResultTable(title);
        foreach (var run in runs)
            table.Add(run.Category, Enum.Parse<TrainingMethod>(run.Mode, ignoreCase: true).ToString(), metric(run));
        return table;
    }
}
