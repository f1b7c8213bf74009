using SixLabors.ImageSharp;
using TrisimpleNet.Inspect;
using TrisimpleNet.Quickstart;

namespace TrisimpleNet.Samples.Tests;

/// <summary>Inspection with a model the tiny quickstart trained.</summary>
public sealed class InspectTests : TemporaryFolderTest
{
    [Fact]
    public void WritesAnOverlayPerImageAndOneScoreRowPerImage()
    {
        var quickstart = Path.Combine(Folder, "quickstart");
        Assert.Equal(0, QuickstartRun.Run(TinyQuickstart.Settings(quickstart), TextWriter.Null));
        var model = Path.Combine(quickstart, "grainy_stone", "model.tsn");
        var input = Path.Combine(quickstart, "data", "grainy_stone", "test", "good");
        var output = Path.Combine(Folder, "inspect");
        var console = new StringWriter();

        int exitCode = InspectRun.Run(["--model", model, "--input", input, "--output", output], console);

        Assert.True(exitCode == 0, console.ToString());
        var rows = File.ReadAllLines(Path.Combine(output, "scores.csv"));
        Assert.Equal("file,image_score,verdict", rows[0]);
        Assert.Equal(2, rows.Length - 1);
        Assert.All(rows.Skip(1), row => Assert.Matches(@"^\d{3}\.png,[-0-9.E]+,(normal|anomalous)$", row));
        var overlays = Directory.GetFiles(output, "*_overlay.png");
        Assert.Equal(2, overlays.Length);
        using var overlay = Image.Load(overlays[0]);
        Assert.Equal((TinyQuickstart.ImageSize, TinyQuickstart.ImageSize), (overlay.Width, overlay.Height));
        Assert.StartsWith("2 images scored", console.ToString());
    }

    [Fact]
    public void MissingModelExitsNonZeroWithOneLine()
    {
        var console = new StringWriter();

        int exitCode = InspectRun.Run(["--model", Path.Combine(Folder, "absent.tsn"), "--input", Folder, "--output", Folder], console);

        Assert.Equal(1, exitCode);
        Assert.Equal($"error: --model file '{Path.Combine(Folder, "absent.tsn")}' does not exist.", console.ToString().Trim());
    }

    [Fact]
    public void MissingInputExitsNonZeroWithOneLine()
    {
        var model = Path.Combine(Folder, "model.tsn");
        File.WriteAllText(model, "not checked before the input");
        var console = new StringWriter();

        int exitCode = InspectRun.Run(["--model", model, "--input", Path.Combine(Folder, "absent"), "--output", Folder], console);

        Assert.Equal(1, exitCode);
        Assert.Single(console.ToString().Trim().Split('\n'));
        Assert.Contains("is neither an image file nor a folder", console.ToString());
    }
}
