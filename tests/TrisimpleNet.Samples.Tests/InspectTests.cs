using System.Net;
using System.Text.RegularExpressions;
using SixLabors.ImageSharp;
using TrisimpleNet.Inspect;

namespace TrisimpleNet.Samples.Tests;

/// <summary>Inspection with a model the tiny quickstart trained.</summary>
public sealed class InspectTests(TrainedTinyModel model) : TemporaryFolderTest, IClassFixture<TrainedTinyModel>
{
    private string Output => Path.Combine(Folder, "inspect");

    private (int ExitCode, string Console) Inspect(params string[] args)
    {
        var console = new StringWriter();
        int exitCode = InspectRun.Run(args, console);
        return (exitCode, console.ToString());
    }

    [Fact]
    public void AFolderOfImagesGetsOneUnlabelledScoreRowAndOnePanelPerImage()
    {
        var input = Path.Combine(model.CategoryFolder, "test", "good");

        var (exitCode, console) = Inspect("--model", model.ModelPath, "--input", input, "--output", Output);

        Assert.True(exitCode == 0, console);
        var rows = File.ReadAllLines(Path.Combine(Output, "scores.csv"));
        Assert.Equal("file,image_score,verdict,label", rows[0]);
        Assert.Equal(2, rows.Length - 1);
        Assert.All(rows.Skip(1), row => Assert.Matches(@"/good/\d{3}\.png,[-0-9.E]+,(normal|anomalous),$", row));
        var panels = Directory.GetFiles(Path.Combine(Output, "panels"), "*.png");
        Assert.Equal(2, panels.Length);
        Assert.All(panels, panel => Assert.Equal(2 * PictureText.StripHeight + TinyQuickstart.ImageSize, Image.Identify(panel).Height));
        Assert.StartsWith("2 images scored", console);
    }

    [Fact]
    public void ACategoryFolderIsScoredWithItsLabelsAndGetsTheRocAndProCurves()
    {
        var (exitCode, console) = Inspect("--model", model.ModelPath, "--input", model.CategoryFolder, "--output", Output);

        Assert.True(exitCode == 0, console);
        var labels = File.ReadAllLines(Path.Combine(Output, "scores.csv")).Skip(1).Select(row => row.Split(',')[^1]).ToList();
        int testImages = Directory.GetFiles(Path.Combine(model.CategoryFolder, "test"), "*.png", SearchOption.AllDirectories).Length;
        Assert.Equal(testImages, labels.Count);
        Assert.Equal(2, labels.Count(label => label == "normal"));
        Assert.Equal(testImages - 2, labels.Count(label => label == "defect"));
        Assert.True(File.Exists(Path.Combine(Output, "roc.png")) && File.Exists(Path.Combine(Output, "pro.png")));
    }

    [Fact]
    public void TheReportShowsEveryImageInChromiumAndTabulatesTheScoresOfTheCsv()
    {
        Assert.Equal(0, Inspect("--model", model.ModelPath, "--input", model.CategoryFolder, "--output", Output).ExitCode);

        var dom = HeadlessChromium.DumpDom(Path.Combine(Output, "report.html"));

        Assert.Matches("<body[^>]* data-images-loaded=\"true\"", dom);
        int images = int.Parse(Regex.Match(dom, "data-image-count=\"(\\d+)\"").Groups[1].Value);
        Assert.Equal(Regex.Matches(dom, "<img ").Count, images);
        Assert.True(images >= 4, $"{images} images in the report");
        var tabulated = Regex.Matches(dom, "<td class=\"file\">([^<]*)</td><td class=\"number score\">([^<]*)</td><td>([a-z]+)</td>")
            .ToDictionary(match => WebUtility.HtmlDecode(match.Groups[1].Value), match => (match.Groups[2].Value, match.Groups[3].Value));
        var csv = File.ReadAllLines(Path.Combine(Output, "scores.csv")).Skip(1).Select(row => row.Split(',')).ToList();
        Assert.Equal(csv.Count, tabulated.Count);
        Assert.All(csv, row => Assert.Equal((CategoryReport.Score(float.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture)), row[2]), tabulated[row[0]]));
    }

    [Fact]
    public void AFileNameWithACommaIsQuotedInTheCsv()
    {
        var input = Directory.CreateDirectory(Path.Combine(Folder, "images")).FullName;
        var odd = Path.Combine(input, "part 7, left.png");
        File.Copy(Directory.GetFiles(Path.Combine(model.CategoryFolder, "test", "good"))[0], odd);

        Assert.Equal(0, Inspect("--model", model.ModelPath, "--input", input, "--output", Output).ExitCode);

        Assert.StartsWith($"\"{odd}\",", File.ReadAllLines(Path.Combine(Output, "scores.csv"))[1]);
    }

    [Fact]
    public void NoPanelsSkipsThePanelsButNotTheContactSheet()
    {
        var (exitCode, console) = Inspect("--model", model.ModelPath, "--input", model.CategoryFolder, "--output", Output, "--no-panels");

        Assert.True(exitCode == 0, console);
        Assert.False(Directory.Exists(Path.Combine(Output, "panels")));
        Assert.True(File.Exists(Path.Combine(Output, "contact_sheet.png")));
    }

    [Fact]
    public void HelpListsTheOptions()
    {
        var (exitCode, console) = Inspect("--help");

        Assert.Equal(0, exitCode);
        Assert.All(new[] { "--model", "--input", "--output", "--threshold", "--no-panels" }, option => Assert.Contains(option, console));
    }

    [Fact]
    public void AMissingRequiredOptionOrABadNumberIsAParseError()
    {
        var missing = Inspect("--input", Folder);
        var badNumber = Inspect("--model", model.ModelPath, "--input", Folder, "--threshold", "high");

        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("--model", missing.Console);
        Assert.NotEqual(0, badNumber.ExitCode);
        Assert.Contains("high", badNumber.Console);
    }

    [Fact]
    public void MissingModelExitsNonZeroWithOneLine()
    {
        var absent = Path.Combine(Folder, "absent.tsn");

        var (exitCode, console) = Inspect("--model", absent, "--input", Folder, "--output", Output);

        Assert.Equal(1, exitCode);
        Assert.Equal($"error: --model file '{absent}' does not exist.", console.Trim());
    }

    [Fact]
    public void MissingInputExitsNonZeroWithOneLine()
    {
        var (exitCode, console) = Inspect("--model", model.ModelPath, "--input", Path.Combine(Folder, "absent"), "--output", Output);

        Assert.Equal(1, exitCode);
        Assert.Single(console.Trim().Split('\n'));
        Assert.Contains("is neither an image file nor a folder", console);
    }
}
