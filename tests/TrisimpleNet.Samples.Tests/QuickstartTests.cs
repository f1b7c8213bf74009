using SixLabors.ImageSharp;
using TrisimpleNet.Quickstart;

namespace TrisimpleNet.Samples.Tests;

/// <summary>The quickstart end to end with tiny settings.</summary>
public sealed class QuickstartTests : TemporaryFolderTest
{
    [Fact]
    public void WritesAModelAndThePicturesPerCategoryAndPrintsTheTable()
    {
        var output = Path.Combine(Folder, "out");
        var console = new StringWriter();

        int exitCode = QuickstartRun.Run(TinyQuickstart.Settings(output), console);

        Assert.True(exitCode == 0, console.ToString());
        var category = Path.Combine(output, "grainy_stone");
        Assert.True(File.Exists(Path.Combine(category, "model.tsn")));
        var roc = Image.Identify(Path.Combine(category, "pictures", "roc.png"));
        Assert.Equal((RocCurvePlot.Width, RocCurvePlot.Height), (roc.Width, roc.Height));
        Assert.True(File.Exists(Path.Combine(category, "pictures", "contact_sheet.png")));
        int testImages = Directory.GetFiles(Path.Combine(output, "data", "grainy_stone", "test"), "*.png", SearchOption.AllDirectories).Length;
        Assert.Equal(testImages, Directory.GetFiles(Path.Combine(category, "pictures", "panels"), "*.png").Length);
        Assert.Contains("image AUROC", console.ToString());
        Assert.Contains("grainy_stone", console.ToString());
    }

    [Fact]
    public void RunningAgainClearsItsOwnOutputFolder()
    {
        var output = Path.Combine(Folder, "out");
        Assert.Equal(0, QuickstartRun.Run(TinyQuickstart.Settings(output), TextWriter.Null));

        Assert.Equal(0, QuickstartRun.Run(TinyQuickstart.Settings(output), TextWriter.Null));
    }

    [Fact]
    public void RefusesToClearAFolderItDidNotWrite()
    {
        File.WriteAllText(Path.Combine(Folder, "precious.txt"), "keep");
        var console = new StringWriter();

        int exitCode = QuickstartRun.Run(TinyQuickstart.Settings(Folder), console);

        Assert.Equal(1, exitCode);
        Assert.True(File.Exists(Path.Combine(Folder, "precious.txt")));
        Assert.StartsWith("error: Output folder", console.ToString());
    }

    [Fact]
    public void UnknownOptionExitsWithOneLine()
    {
        var console = new StringWriter();

        int exitCode = QuickstartRun.Run(["--frobnicate", "1"], console);

        Assert.Equal(2, exitCode);
        Assert.Equal("error: Unknown option '--frobnicate'; expected --data, --epochs or --output.", console.ToString().Trim());
    }
}
