using System.Globalization;

namespace TrisimpleNet.Data.Reports;

/// <summary>
/// Renders a <see cref="ResultTable"/> as CSV with unscaled, round-trippable numbers: one line per row and the mean row,
/// and for each column its mean, standard deviation and number of seeds (empty cells stay empty).
/// </summary>
public static class ResultTableCsv
{
    public static string Format(ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var lines = new List<string>
        {
            Line([table.RowHeader, .. table.Columns.SelectMany(column => new[] { $"{column} mean", $"{column} std", $"{column} seeds" })]),
        };
        foreach ((string row, IReadOnlyDictionary<string, CellSummary?> summaries) in table.SummaryRows())
        {
            lines.Add(Line([row, .. table.Columns.SelectMany(column => Cells(summaries[column]))]));
        }

        return string.Join("\n", lines) + "\n";
    }

    private static string[] Cells(CellSummary? summary) => summary is { } cell
        ? [Number(cell.Mean), Number(cell.StandardDeviation), cell.Count.ToString(CultureInfo.InvariantCulture)]
        : ["", "", ""];

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote));

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
