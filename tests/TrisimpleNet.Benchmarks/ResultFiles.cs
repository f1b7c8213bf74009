using System.Text.Json;
using System.Text.Json.Serialization;
using ReportFile = TrisimpleNet.Data.Reports.AtomicFile;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Writes each subcommand's &lt;subcommand&gt;.json and &lt;subcommand&gt;.md into the output folder, and rebuilds
/// performance.md from every section present there, so subcommands run one at a time still add up to one report.
/// Every file is written atomically: a temporary file, then a rename.
/// </summary>
public static class ResultFiles
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Write(string folder, BenchmarkResult result, IReadOnlyList<string> sectionOrder)
    {
        Directory.CreateDirectory(folder);
        ReportFile.WriteAllText(Path.Combine(folder, result.Subcommand + ".json"), JsonSerializer.Serialize(result, JsonOptions));
        ReportFile.WriteAllText(Path.Combine(folder, result.Subcommand + ".md"), result.Markdown());
        var sections = sectionOrder
            .Select(subcommand => Path.Combine(folder, subcommand + ".md"))
            .Where(File.Exists)
            .Select(File.ReadAllText);
        ReportFile.WriteAllText(Path.Combine(folder, "performance.md"), "# Performance\n\n" + string.Join("\n", sections));
    }
}
