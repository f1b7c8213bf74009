using System.Text.Json;

namespace TrisimpleNet.Data.Reports;

/// <summary>
/// Renders a <see cref="ResultTable"/> as JSON that keeps every seed's value: title, row header, direction, columns,
/// and for each row (the mean row last) each non-empty cell's values, mean and standard deviation.
/// </summary>
public static class ResultTableJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Format(ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = table.Rows
            .Select(row => new RowDocument(row, Cells(table, column => table.Values(row, column))))
            .Append(new RowDocument(ResultTable.MeanRowName, Cells(table, table.MeanRowValues)))
            .ToList();
        return JsonSerializer.Serialize(new TableDocument(table.Title, table.RowHeader, table.HigherIsBetter, table.Columns, rows), Options) + "\n";
    }

    private static Dictionary<string, CellDocument> Cells(ResultTable table, Func<string, IReadOnlyList<double>> valuesOf) =>
        table.Columns
            .Select(column => (Column: column, Values: valuesOf(column)))
            .Where(cell => cell.Values.Count > 0)
            .ToDictionary(cell => cell.Column, cell => CellDocument.Of(cell.Values));

    private sealed record TableDocument(string Title, string RowHeader, bool HigherIsBetter, IReadOnlyList<string> Columns, IReadOnlyList<RowDocument> Rows);

    private sealed record RowDocument(string Name, IReadOnlyDictionary<string, CellDocument> Cells);

    private sealed record CellDocument(IReadOnlyList<double> Values, double Mean, double StandardDeviation)
    {
        public static CellDocument Of(IReadOnlyList<double> values)
        {
            CellSummary summary = CellSummary.Of(values);
            return new CellDocument(values, summary.Mean, summary.StandardDeviation);
        }
    }
}
