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
    public void ARedirectedRunPrintsAPlainLinePerStep()
    {
        var console = new StringWriter();

        Assert.Equal(0, QuickstartRun.Run(TinyQuickstart.Settings(Path.Combine(Folder, "out")), console));

        var lines = console.ToString().Split('\n').Select(line => line.TrimEnd()).ToList();
        // 4 good images: 1 is held out to calibrate the thresholds (CalibrationShare, at least one), 3 are trained on.
        Assert.Contains("grainy_stone: features of 3 images: done", lines);
        // The preset trains three pairs (EnsembleSize), one epoch each here.
        Assert.Contains(lines, line => line.StartsWith("grainy_stone: epochs (3 pairs): 1/3 separation "));
        Assert.Contains(lines, line => line.StartsWith("grainy_stone: epochs (3 pairs): 3/3 separation "));
        Assert.Contains("grainy_stone: epochs (3 pairs): 3 pairs x 1 of 1 epochs", lines);
        Assert.Contains(lines, line => line.StartsWith("grainy_stone: evaluation and pictures: image AUROC "));
    }

    [Fact]
    public void OnePairPrintsItsEpochsWithoutPairs()
    {
        var console = new StringWriter();

        Assert.Equal(0, QuickstartRun.Run(TinyQuickstart.Settings(Path.Combine(Folder, "out")) with { EnsembleSize = 1 }, console));

        var lines = console.ToString().Split('\n').Select(line => line.TrimEnd()).ToList();
        Assert.Contains(lines, line => line.StartsWith("grainy_stone: epochs: 1/1 separation "));
        Assert.Contains("grainy_stone: epochs: 1 of 1 epochs", lines);
        Assert.DoesNotContain(lines, line => line.Contains("pairs"));
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
    public void AnUnknownOptionIsAnError()
    {
        var console = new StringWriter();

        int exitCode = QuickstartRun.Run(["--frobnicate", "1"], console);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--frobnicate", console.ToString());
    }

    [Theory]
    [InlineData("0", "--epochs must be a positive integer, not 0.")]
    [InlineData("many", "many")]
    public void EpochsMustBeAPositiveInteger(string epochs, string expected)
    {
        var console = new StringWriter();

        int exitCode = QuickstartRun.Run(["--epochs", epochs, "--output", Folder], console);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, console.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Folder));
    }

    [Fact]
    public void EnsembleSizeMustBeAPositiveInteger()
    {
        var console = new StringWriter();

        int exitCode = QuickstartRun.Run(["--ensemble-size", "0", "--output", Folder], console);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--ensemble-size must be a positive integer, not 0.", console.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Folder));
    }

    [Fact]
    public void HelpListsTheOptionsAndRunsNothing()
    {
        var console = new StringWriter();

        int exitCode = QuickstartRun.Run(["--help"], console);

        Assert.Equal(0, exitCode);
        Assert.All(new[] { "--data", "--epochs", "--ensemble-size", "--output", "--plain" }, option => Assert.Contains(option, console.ToString()));
    }
}
