namespace TrisimpleNet.Data.Reports;

/// <summary>
/// Results laid out like the paper's Table 2: rows (for example categories) by columns (methods or runs), each cell
/// holding one value per seed, plus a mean row. Rows and columns keep the order in which they first appear.
/// </summary>
public sealed class ResultTable
{
    /// <summary>Label of the row that averages all rows.</summary>
    public const string MeanRowName = "Mean";

    private readonly List<string> rows = [];
    private readonly List<string> columns = [];
    private readonly Dictionary<(string Row, string Column), List<double>> cells = [];

    /// <summary>Creates an empty table.</summary>
    /// <param name="title">What the values are, for example "Image AUROC".</param>
    /// <param name="rowHeader">Header of the row-name column, for example "Category".</param>
    /// <param name="higherIsBetter">Whether the best cell of a row is the highest (AUROC) or the lowest (an error).</param>
    public ResultTable(string title, string rowHeader = "Category", bool higherIsBetter = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(rowHeader);
        Title = title;
        RowHeader = rowHeader;
        HigherIsBetter = higherIsBetter;
    }

    public string Title { get; }

    public string RowHeader { get; }

    public bool HigherIsBetter { get; }

    public IReadOnlyList<string> Rows => rows;

    public IReadOnlyList<string> Columns => columns;

    /// <summary>Appends the value of one seed to a cell; add seeds in the same order in every cell.</summary>
    public void Add(string row, string column, double value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(row);
        ArgumentException.ThrowIfNullOrWhiteSpace(column);
        if (row == MeanRowName)
        {
            throw new ArgumentException($"The row name \"{MeanRowName}\" is reserved for the mean row.", nameof(row));
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A result must be a finite number.");
        }

        if (!cells.TryGetValue((row, column), out List<double>? values))
        {
            values = [];
            cells.Add((row, column), values);
            AddIfNew(rows, row);
            AddIfNew(columns, column);
        }

        values.Add(value);
    }

    /// <summary>The values of a cell, one per seed; empty when the cell has none.</summary>
    public IReadOnlyList<double> Values(string row, string column) =>
        cells.TryGetValue((row, column), out List<double>? values) ? values : [];

    /// <summary>Mean ± standard deviation of a cell, or null when it is empty.</summary>
    public CellSummary? Summary(string row, string column) =>
        cells.TryGetValue((row, column), out List<double>? values) ? CellSummary.Of(values) : null;

    /// <summary>
    /// The mean row's values of a column: for each seed, the mean over all rows. Empty when a row lacks the column
    /// or rows hold different numbers of seeds, since no per-seed mean exists then.
    /// </summary>
    public IReadOnlyList<double> MeanRowValues(string column)
    {
        List<IReadOnlyList<double>> perRow = rows.Select(row => Values(row, column)).ToList();
        int seedCount = perRow.Count == 0 ? 0 : perRow[0].Count;
        if (seedCount == 0 || perRow.Any(values => values.Count != seedCount))
        {
            return [];
        }

        return Enumerable.Range(0, seedCount).Select(seed => perRow.Average(values => values[seed])).ToArray();
    }

    /// <summary>Mean ± standard deviation over seeds of <see cref="MeanRowValues"/>, or null when it is empty.</summary>
    public CellSummary? MeanRowSummary(string column)
    {
        IReadOnlyList<double> values = MeanRowValues(column);
        return values.Count == 0 ? null : CellSummary.Of(values);
    }

    /// <summary>The columns whose mean is best among the given summaries of one row (several on a tie).</summary>
    internal IReadOnlySet<string> BestColumns(IReadOnlyDictionary<string, CellSummary?> summaries)
    {
        var means = summaries.Where(pair => pair.Value is not null).Select(pair => (Column: pair.Key, pair.Value!.Value.Mean)).ToList();
        if (means.Count == 0)
        {
            return new HashSet<string>();
        }

        double best = HigherIsBetter ? means.Max(pair => pair.Mean) : means.Min(pair => pair.Mean);
        return means.Where(pair => pair.Mean == best).Select(pair => pair.Column).ToHashSet();
    }

    /// <summary>Every row's summaries by column, followed by the mean row's.</summary>
    internal IEnumerable<(string Row, IReadOnlyDictionary<string, CellSummary?> Summaries)> SummaryRows()
    {
        foreach (string row in rows)
        {
            yield return (row, columns.ToDictionary(column => column, column => Summary(row, column)));
        }

        yield return (MeanRowName, columns.ToDictionary(column => column, MeanRowSummary));
    }

    private static void AddIfNew(List<string> names, string name)
    {
        if (!names.Contains(name))
        {
            names.Add(name);
        }
    }
}
