using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Data.Tests.Reports;

public sealed class ResultTableFilesTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "trisimplenet-reports-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Writes_markdown_csv_and_json_next_to_each_other()
    {
        ResultTable table = TwoMethodsTwoCategories.Create();

        IReadOnlyList<string> paths = ResultTableFiles.Write(table, Path.Combine(directory, "results", "image-auroc"));

        Assert.Equal(["image-auroc.md", "image-auroc.csv", "image-auroc.json"], paths.Select(Path.GetFileName));
        Assert.Equal(ResultTableMarkdown.Format(table), File.ReadAllText(paths[0]));
        Assert.Equal(ResultTableCsv.Format(table), File.ReadAllText(paths[1]));
        Assert.Equal(ResultTableJson.Format(table), File.ReadAllText(paths[2]));
    }

    [Fact]
    public void A_write_that_fails_leaves_the_previous_file_and_no_temporary_file()
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "image-auroc.md");
        File.WriteAllText(path, "good table");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.WriteByte((byte)'x');
            throw new IOException("disk full");
        }));

        Assert.Equal("good table", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(directory));
    }

    [Fact]
    public void A_successful_write_replaces_the_previous_file()
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "image-auroc.csv");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(directory));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
