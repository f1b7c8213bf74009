using System.Globalization;
using System.Text;

namespace TrisimpleNet.Data.Reports;

/// <summary>Renders a <see cref="ResultTable"/> as a Markdown table: mean ± std per cell, the best cell of each row in bold, a mean row last.</summary>
public static class ResultTableMarkdown
{
    private const string EmptyCell = "–";

    public static string Format(ResultTable table, ResultTableFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        format ??= new ResultTableFormat();
        var markdown = new StringBuilder();
        markdown.Append("## ").AppendLine(table.Title).AppendLine();
        markdown.AppendLine(Line([table.RowHeader, .. table.Columns]));
        markdown.AppendLine(Line(["---", .. table.Columns.Select(_ => "---:")]));
        foreach ((string row, IReadOnlyDictionary<string, CellSummary?> summaries) in table.SummaryRows())
        {
            IReadOnlySet<string> best = table.BestColumns(summaries);
            string rowName = row == ResultTable.MeanRowName ? $"**{row}**" : row;
            markdown.AppendLine(Line([rowName, .. table.Columns.Select(column => Cell(summaries[column], best.Contains(column), format))]));
        }

        return markdown.ToString();
    }

    private static string Cell(CellSummary? summary, bool isBest, ResultTableFormat format)
    {
        if (summary is not { } cell)
        {
            return EmptyCell;
        }

        string text = Number(cell.Mean, format);
        if (cell.Count > 1)
        {
            text += " ± " + Number(cell.StandardDeviation, format);
        }

        return isBest ? $"**{text}**" : text;
    }

    private static string Number(double value, ResultTableFormat format) =>
        (value * format.Scale).ToString("F" + format.Decimals, CultureInfo.InvariantCulture);

    private static string Line(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(cell => cell.Replace("|", "\\|"))) + " |";
}
