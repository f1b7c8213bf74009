namespace TrisimpleNet.Data.Reports;

/// <summary>Writes a <see cref="ResultTable"/> as Markdown, CSV and JSON files side by side, each atomically.</summary>
public static class ResultTableFiles
{
    /// <summary>
    /// Writes <c>{pathWithoutExtension}.md</c>, <c>.csv</c> and <c>.json</c>, creating the directory if needed, and
    /// returns the three paths. Each file is replaced only once its new content is complete on disk.
    /// </summary>
    public static IReadOnlyList<string> Write(ResultTable table, string pathWithoutExtension, ResultTableFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(pathWithoutExtension);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(pathWithoutExtension));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var files = new (string Extension, string Contents)[]
        {
            (".md", ResultTableMarkdown.Format(table, format)),
            (".csv", ResultTableCsv.Format(table)),
            (".json", ResultTableJson.Format(table)),
        };
        foreach ((string extension, string contents) in files)
        {
            AtomicFile.WriteAllText(pathWithoutExtension + extension, contents);
        }

        return files.Select(file => pathWithoutExtension + file.Extension).ToArray();
    }
}
