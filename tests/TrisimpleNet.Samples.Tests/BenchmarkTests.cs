using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Benchmark;
using TrisimpleNet.Imaging;
using TrisimpleNet.Data.Statistics;
using TrisimpleNet.Data.Synthetic;

namespace TrisimpleNet.Samples.Tests;

/// <summary>The benchmark command line with tiny settings on generated categories.</summary>
public sealed class BenchmarkTests : TemporaryFolderTest
{
    private string GenerateRoot()
    {
        var root = Path.Combine(Folder, "data");
        SyntheticSurfaceDataset.Generate(root, new SyntheticSurfaceOptions
        {
            ImageSize = 64,
            TrainCount = 4,
            TestGoodCount = 2,
            TestCountPerDefect = 1,
            Textures = [new GrainyStoneTexture(), new BrushedMetalTexture()],
            Seed = 2,
        });
        return root;
    }

    private static string[] TinyOptions => ["--epochs", "1", "--resize", "64", "--crop", "64", "--width", "64", "--batch-size", "2"];

    [Fact]
    public void WritesOneRunPerCategoryModeAndSeedAndTheMarkdownTable()
    {
        var root = GenerateRoot();
        var output = Path.Combine(Folder, "results");
        var console = new StringWriter();

        int exitCode = BenchmarkRun.Run(
            ["--data", root, "--categories", "grainy_stone", "--mode", "both", "--seeds", "0,1", "--output", output, .. TinyOptions], console);

        Assert.True(exitCode == 0, console.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(
            ["simplenet/0", "simplenet/1", "trisimplenet/0", "trisimplenet/1"],
            runs.Select(run => $"{run.GetProperty("mode").GetString()}/{run.GetProperty("seed").GetInt32()}").Order());
        Assert.All(runs, run =>
        {
            Assert.Equal("grainy_stone", run.GetProperty("category").GetString());
            Assert.Equal("resnet18", run.GetProperty("backbone").GetString());
            Assert.Equal("64 of 64", run.GetProperty("input").GetString());
            Assert.Equal(1, run.GetProperty("epochs").GetInt32());
            foreach (var metric in new[] { "image_auroc", "pixel_auroc", "aupro", "f1_max" })
                Assert.InRange(run.GetProperty(metric).GetDouble(), 0, 1);
            foreach (var measure in new[] { "train_seconds", "feature_seconds", "inference_images_per_second", "peak_working_set_mb" })
                Assert.True(run.GetProperty(measure).GetDouble() > 0, measure);
        });
        // TrisimpleNet trains the preset's three pairs, SimpleNet one: each line counts a pair's epochs.
        var lines = console.ToString().Split('\n');
        Assert.Contains(lines, line => line.StartsWith("grainy_stone trisimplenet seed 0: image AUROC ") && line.Contains(", 3 pairs x 1 epochs, train "));
        Assert.Contains(lines, line => line.StartsWith("grainy_stone trisimplenet seed 0: ") && line.Contains(", input 64 of 64, "));
        Assert.Contains(lines, line => line.StartsWith("grainy_stone simplenet seed 0: image AUROC ") && line.Contains(", 1 epochs, train "));
        var markdown = File.ReadAllText(Path.Combine(output, "results.md"));
        Assert.Contains("| Category | SimpleNet | TrisimpleNet |", markdown);
        Assert.Contains("grainy_stone", markdown);
    }

    [Fact]
    public void PatchCoreRunsBesideADetectorAndReportsItsMemoryBank()
    {
        var root = GenerateRoot();
        var output = Path.Combine(Folder, "results");
        var console = new StringWriter();

        int exitCode = BenchmarkRun.Run(
            ["--data", root, "--categories", "grainy_stone", "--mode", "simplenet,patchcore", "--coreset-ratio", "0.1", "--output", output, .. TinyOptions], console);

        Assert.True(exitCode == 0, console.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["simplenet", "patchcore"], runs.Select(run => run.GetProperty("mode").GetString()));
        var patchCore = runs[1];
        Assert.Equal(0.1, patchCore.GetProperty("coreset_ratio").GetDouble());
        // 4 training images x an 8 x 8 grid = 256 positions; 10% rounded up.
        Assert.Equal(26, patchCore.GetProperty("memory_bank_size").GetInt64());
        Assert.Equal(0, patchCore.GetProperty("epochs_run").GetInt32());
        foreach (var metric in new[] { "image_auroc", "pixel_auroc", "aupro" })
            Assert.InRange(patchCore.GetProperty(metric).GetDouble(), 0, 1);
        Assert.Contains("| Category | SimpleNet | PatchCore |", File.ReadAllText(Path.Combine(output, "results.md")));
    }

    [Fact]
    public void EachRunCarriesDeLongsIntervalAndEachModeATIntervalOverSeeds()
    {
        var root = GenerateRoot();
        var output = Path.Combine(Folder, "results");

        int exitCode = BenchmarkRun.Run(
            ["--data", root, "--categories", "grainy_stone", "--mode", "patchcore", "--seeds", "0,1", "--output", output, .. TinyOptions], TextWriter.Null);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        foreach (var run in json.RootElement.GetProperty("runs").EnumerateArray())
        {
            var delong = run.GetProperty("image_auroc_de_long");
            Assert.Equal(run.GetProperty("image_auroc").GetDouble(), delong.GetProperty("estimate").GetDouble());
            Assert.InRange(run.GetProperty("image_auroc").GetDouble(), delong.GetProperty("lower").GetDouble(), delong.GetProperty("upper").GetDouble());
        }
        var summary = Assert.Single(json.RootElement.GetProperty("summaries").EnumerateArray());
        var imageAuroc = summary.GetProperty("image_auroc");
        var runAurocs = json.RootElement.GetProperty("runs").EnumerateArray().Select(run => run.GetProperty("image_auroc").GetDouble()).ToList();
        Assert.Equal(runAurocs.Average(), imageAuroc.GetProperty("mean").GetDouble(), 12);
        Assert.Equal(2, summary.GetProperty("seeds").GetArrayLength());
        Assert.True(imageAuroc.GetProperty("lower").GetDouble() <= imageAuroc.GetProperty("mean").GetDouble());
        Assert.True(imageAuroc.GetProperty("upper").GetDouble() >= imageAuroc.GetProperty("mean").GetDouble());
        Assert.Contains("## Mean over seeds with 95% t-interval", File.ReadAllText(Path.Combine(output, "results.md")));
    }

    [Fact]
    public void RobustnessHoldsOutCalibrationImagesAndMeasuresEveryDisturbance()
    {
        var root = GenerateRoot();
        var output = Path.Combine(Folder, "results");

        int exitCode = BenchmarkRun.Run(
            ["--data", root, "--categories", "grainy_stone", "--mode", "patchcore", "--robustness", "0.25", "--output", output, .. TinyOptions], TextWriter.Null);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "robustness.json")));
        var result = Assert.Single(json.RootElement.GetProperty("robustness").EnumerateArray());
        // A quarter of the 4 training images is held out; PatchCore is built from the other 3 (3 x 64 positions, 1% -> 2).
        Assert.Equal(1, result.GetProperty("calibration_images").GetInt32());
        using var runs = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        Assert.Equal(2, runs.RootElement.GetProperty("runs")[0].GetProperty("memory_bank_size").GetInt64());
        Assert.Equal(
            ["noise-1/255", "noise-3/255", "jpeg-90", "brightness+3%", "brightness-3%", "shift-1px"],
            result.GetProperty("perturbations").EnumerateArray().Select(effect => effect.GetProperty("perturbation").GetString()));
        Assert.All(result.GetProperty("perturbations").EnumerateArray(), effect =>
        {
            foreach (var measure in new[] { "false_positive_rate", "perturbed_versus_clean_auroc", "defect_auroc" })
                Assert.InRange(effect.GetProperty(measure).GetDouble(), 0, 1);
        });
        Assert.Contains("| grainy_stone | PatchCore | 0 | jpeg-90 |", File.ReadAllText(Path.Combine(output, "robustness.md")));
    }

    [Fact]
    public void BrightnessScalesEveryChannelRoundedAndClampedTo8Bits()
    {
        using var image = new Image<Rgb24>(1, 1);
        image[0, 0] = new Rgb24(100, 250, 17);

        using var brighter = Perturbation.Brightness(1.03).Apply([ImageSource.FromImage("pixel", image)])[0].Open();

        Assert.Equal(new Rgb24(103, 255, 18), brighter[0, 0]);
    }

    [Fact]
    public void AShiftMovesColumnsRightAndRepeatsTheFirstColumn()
    {
        using var image = new Image<Rgb24>(3, 1);
        for (int x = 0; x < 3; x++) image[x, 0] = new Rgb24((byte)(10 * (x + 1)), 0, 0);

        using var shifted = Perturbation.ShiftRight(1).Apply([ImageSource.FromImage("row", image)])[0].Open();

        Assert.Equal([10, 10, 20], Enumerable.Range(0, 3).Select(x => (int)shifted[x, 0].R));
    }

    [Fact]
    public void NoiseIsTheSameForTheSameImageIndexAndMovesPixelsByAFewLevels()
    {
        using var image = new Image<Rgb24>(16, 16, new Rgb24(128, 128, 128));
        var sources = Perturbation.GaussianNoise(3).Apply([ImageSource.FromImage("grey", image)]);

        using var first = sources[0].Open();
        using var second = sources[0].Open();

        var values = Enumerable.Range(0, 256).Select(i => (int)first[i % 16, i / 16].R).ToList();
        Assert.Equal(values, Enumerable.Range(0, 256).Select(i => (int)second[i % 16, i / 16].R));
        Assert.Contains(values, value => value != 128);
        Assert.All(values, value => Assert.InRange(value, 128 - 20, 128 + 20));
    }

    [Fact]
    public void ASingleCategoryFolderIsAccepted()
    {
        var root = GenerateRoot();
        var output = Path.Combine(Folder, "results");

        int exitCode = BenchmarkRun.Run(["--data", Path.Combine(root, "brushed_metal"), "--mode", "trisimplenet", "--output", output, .. TinyOptions], TextWriter.Null);

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        Assert.Equal("brushed_metal", json.RootElement.GetProperty("runs")[0].GetProperty("category").GetString());
    }

    [Theory]
    [InlineData("--frobnicate", "1", "error: Unrecognized command or argument '--frobnicate'.")]
    [InlineData("--mode", "fast", "error: --mode 'fast' is unknown; expected a comma list of simplenet, trisimplenet and patchcore, or both, or all.")]
    [InlineData("--mode", "simplenet,fast", "error: --mode 'fast' is unknown;")]
    [InlineData("--coreset-ratio", "0", "error: --coreset-ratio needs a share in (0, 1]")]
    [InlineData("--coreset-ratio", "1.5", "error: --coreset-ratio needs a share in (0, 1]")]
    [InlineData("--weights", "/absent/weights.pt", "error: --weights file '/absent/weights.pt' does not exist.")]
    [InlineData("--fake-normal-sigma", "-0.1", "error: --fake-normal-sigma needs a finite number >= 0, not '-0.1'.")]
    [InlineData("--triplet-terms", "both", "error: --triplet-terms 'both' is unknown; expected margin-and-pull, margin, pull.")]
    [InlineData("--discriminator-passes", "two", "error: --discriminator-passes 'two' is unknown; expected joint, per-pair.")]
    [InlineData("--train-limit", "0", "error: Option '--train-limit' needs a positive integer, not '0'.")]
    [InlineData("--training-steps", "0", "error: Option '--training-steps' needs a positive integer, not '0'.")]
    [InlineData("--ensemble-size", "0", "error: Option '--ensemble-size' needs a positive integer, not '0'.")]
    [InlineData("--calibration-share", "1", "error: --calibration-share needs a share in [0, 1) (for example 0.1), not '1'.")]
    [InlineData("--robustness", "0", "error: --robustness needs a share in (0, 1] (for example 0.01), not '0'.")]
    [InlineData("--triplet-margin", "Infinity", "error: --triplet-margin needs a finite number >= 0, not 'Infinity'.")]
    [InlineData("--smoothing-sigma", "0", "error: --smoothing-sigma needs a finite number > 0, not '0'.")]
    [InlineData("--positive-threshold", "NaN", "error: --positive-threshold needs a finite number, not 'NaN'.")]
    [InlineData("--negative-threshold", "-Infinity", "error: --negative-threshold needs a finite number, not '-Infinity'.")]
    public void BadOptionsExitNonZeroWithOneLine(string option, string value, string expectedStart)
    {
        var console = new StringWriter();

        int exitCode = BenchmarkRun.Run(["--data", Folder, "--output", Folder, option, value], console);

        Assert.NotEqual(0, exitCode);
        Assert.Single(console.ToString().Trim().Split('\n'));
        Assert.StartsWith(expectedStart, console.ToString());
    }

    [Fact]
    public void AblationOptionsAndLimitsTrainAndAreRecordedInResults()
    {
        var root = GenerateRoot();
        var output = Path.Combine(Folder, "results");
        var console = new StringWriter();
        string[] ablation = ["--fake-normal-sigma", "0", "--triplet-terms", "pull", "--pull-target", "fake-anomaly",
            "--discriminator-passes", "per-pair", "--feature-cache-precision", "float32", "--train-limit", "3", "--test-limit", "4"];

        int exitCode = BenchmarkRun.Run(
            ["--data", root, "--categories", "grainy_stone", "--mode", "trisimplenet", "--output", output, .. TinyOptions, .. ablation], console);

        Assert.True(exitCode == 0, console.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        Assert.Equal(ablation, json.RootElement.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()).TakeLast(ablation.Length));
        var run = json.RootElement.GetProperty("runs")[0];
        Assert.InRange(run.GetProperty("image_auroc").GetDouble(), 0, 1);
    }

    [Fact]
    public void SmoothingSigmaReachesEveryModesOptionsAndWeightAveragingTheDetectors()
    {
        var settings = BenchmarkArguments.Parse(["--data", Folder, "--output", Folder, "--smoothing-sigma", "6.5", "--weight-averaging", "1.5"]);

        Assert.Equal(1.5, settings.DetectorOptions(TrainingMethod.TrisimpleNet, seed: 0).WeightAveragingEpochs);
        Assert.Equal(6.5, settings.DetectorOptions(TrainingMethod.TrisimpleNet, seed: 0).SmoothingSigma);
        Assert.Equal(6.5, settings.DetectorOptions(TrainingMethod.SimpleNet, seed: 0).SmoothingSigma);
        Assert.Equal(4, BenchmarkArguments.Parse(["--data", Folder, "--output", Folder]).DetectorOptions(TrainingMethod.SimpleNet, seed: 0).SmoothingSigma);
    }

    [Fact]
    public void AscentOptionsReachTheDetectorsOptions()
    {
        var settings = BenchmarkArguments.Parse(["--data", Folder, "--output", Folder, "--ascent-steps", "1", "--ascent-from-epoch", "3"]);
        var options = settings.DetectorOptions(TrainingMethod.TrisimpleNet, seed: 0);

        Assert.Equal((1, 3), (options.FakeAnomalyAscentSteps, options.FakeAnomalyAscentFromEpoch));
        Assert.Equal(2, BenchmarkArguments.Parse(["--data", Folder, "--output", Folder]).DetectorOptions(TrainingMethod.TrisimpleNet, seed: 0).FakeAnomalyAscentFromEpoch);
    }

    [Fact]
    public void ThresholdOptionsReachTheDetectorsOptions()
    {
        var settings = BenchmarkArguments.Parse(["--data", Folder, "--output", Folder, "--positive-threshold", "2", "--negative-threshold", "-1.5"]);
        var options = settings.DetectorOptions(TrainingMethod.TrisimpleNet, seed: 0);
        var defaults = BenchmarkArguments.Parse(["--data", Folder, "--output", Folder]).DetectorOptions(TrainingMethod.TrisimpleNet, seed: 0);

        Assert.Equal((2.0, -1.5), (options.PositiveThreshold, options.NegativeThreshold));
        Assert.Equal((1000.0, -1000.0), (defaults.PositiveThreshold, defaults.NegativeThreshold)); // the ResNet18 preset's
    }

    [Fact]
    public void EpochsAloneTrainExactlyThatManyAndTrainingStepsKeepThemAsTheCap()
    {
        TrisimpleNetOptions Options(params string[] extra) =>
            BenchmarkArguments.Parse(["--data", Folder, "--output", Folder, .. extra]).DetectorOptions(TrainingMethod.TrisimpleNet, seed: 0);

        Assert.Equal((240, 100), (Options().TrainingSteps, Options().Epochs)); // the ResNet18 preset's
        Assert.Equal((null, 4), (Options("--epochs", "4").TrainingSteps, Options("--epochs", "4").Epochs));
        Assert.Equal((100, 100), (Options("--training-steps", "100").TrainingSteps, Options("--training-steps", "100").Epochs));
        var both = Options("--training-steps", "100", "--epochs", "12");
        Assert.Equal((100, 12), (both.TrainingSteps, both.Epochs));
    }

    [Fact]
    public void EnsembleSizeReachesTheDetectorsOptions()
    {
        var options = BenchmarkArguments.Parse(["--data", Folder, "--output", Folder, "--ensemble-size", "3"]).DetectorOptions(TrainingMethod.TrisimpleNet, seed: 0);
        var defaults = BenchmarkArguments.Parse(["--data", Folder, "--output", Folder]).DetectorOptions(TrainingMethod.TrisimpleNet, seed: 0);

        Assert.Equal((3, TrisimpleNetOptions.ResNet18().EnsembleSize), (options.EnsembleSize, defaults.EnsembleSize));
    }

    [Fact]
    public void SimpleNetModeTrainsOnePairUnlessAnEnsembleSizeIsGiven()
    {
        var defaults = BenchmarkArguments.Parse(["--data", Folder, "--output", Folder]).DetectorOptions(TrainingMethod.SimpleNet, seed: 0);
        var given = BenchmarkArguments.Parse(["--data", Folder, "--output", Folder, "--ensemble-size", "2"]).DetectorOptions(TrainingMethod.SimpleNet, seed: 0);

        Assert.Equal((1, 2), (defaults.EnsembleSize, given.EnsembleSize));
    }

    [Fact]
    public void HelpListsEveryOptionAndExitsZero()
    {
        var console = new StringWriter();

        int exitCode = BenchmarkRun.Run(["--help"], console);

        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--data", "--mode", "--coreset-ratio", "--robustness", "--input-size", "--seeds", "--pictures", "--output" })
            Assert.Contains(option, console.ToString());
    }

    [Fact]
    public void MissingFolderAndUnknownCategoryExitNonZero()
    {
        var root = GenerateRoot();
        var missing = new StringWriter();
        var unknown = new StringWriter();

        Assert.Equal(1, BenchmarkRun.Run(["--data", Path.Combine(Folder, "absent"), "--output", Folder], missing));
        Assert.Equal(1, BenchmarkRun.Run(["--data", root, "--categories", "carpet", "--output", Folder], unknown));

        Assert.StartsWith("error: --data folder", missing.ToString());
        Assert.StartsWith("error:", unknown.ToString());
        Assert.Contains("carpet", unknown.ToString());
    }

    [Fact]
    public void WithoutPicturesNeitherPicturesNorAReportAreWritten()
    {
        var root = GenerateRoot();
        var output = Path.Combine(Folder, "results");

        Assert.Equal(0, BenchmarkRun.Run(["--data", root, "--categories", "grainy_stone", "--mode", "simplenet", "--output", output, .. TinyOptions], new StringWriter()));

        Assert.True(File.Exists(Path.Combine(output, "results.json")));
        Assert.False(File.Exists(Path.Combine(output, BenchmarkReport.FileName)));
        Assert.False(Directory.Exists(Path.Combine(output, "pictures")));
    }

    [Fact]
    public void PicturesOfTheFirstSeedOfEachModeGoIntoAReportThatLoadsInChromiumWithTheNumbersOfResultsJson()
    {
        var root = GenerateRoot();
        var output = Path.Combine(Folder, "results");
        var console = new StringWriter();

        int exitCode = BenchmarkRun.Run(
            ["--data", root, "--categories", "grainy_stone", "--mode", "trisimplenet,patchcore", "--seeds", "3,1", "--coreset-ratio", "0.1", "--pictures",
             "--output", output, .. TinyOptions], console);

        Assert.True(exitCode == 0, console.ToString());
        var dom = HeadlessChromium.DumpDom(Path.Combine(output, BenchmarkReport.FileName));
        Assert.Matches("<body[^>]* data-images-loaded=\"true\"", dom);
        int images = int.Parse(Regex.Match(dom, "data-image-count=\"(\\d+)\"").Groups[1].Value);
        Assert.Equal(Regex.Matches(dom, "<img ").Count, images);
        // Per mode: contact sheet, histogram, ROC, PRO and the panels of the contact sheet's images (every test image here).
        int testImages = Directory.GetFiles(Path.Combine(root, "grainy_stone", "test"), "*.png", SearchOption.AllDirectories).Length;
        Assert.Equal(2 * (4 + testImages), images);
        Assert.Equal(["grainy_stone-trisimplenet-seed3", "grainy_stone-patchcore-seed3"],
            Regex.Matches(dom, "<h2 id=\"([^\"]+)\"").Select(match => match.Groups[1].Value));
        Assert.Equal(2 * testImages, Directory.GetFiles(Path.Combine(output, "pictures"), "*.png", SearchOption.AllDirectories).Count(path => path.Contains("panels")));

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(4, runs.Count);
        foreach (var run in runs)
        {
            var key = $"{run.GetProperty("category").GetString()}/{run.GetProperty("mode").GetString()}/{run.GetProperty("seed").GetInt32()}";
            var row = Regex.Match(dom, $"<tr data-run=\"{Regex.Escape(key)}\">(.*?)</tr>").Groups[1].Value;
            var cells = Regex.Matches(row, "data-field=\"([a-z0-9_]+)\">([^<]*)<").ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value);
            var deLong = run.GetProperty("image_auroc_de_long");
            Assert.Equal(ResultNumbers.Percent(run.GetProperty("image_auroc").GetDouble(), new ConfidenceInterval(
                deLong.GetProperty("estimate").GetDouble(), deLong.GetProperty("lower").GetDouble(), deLong.GetProperty("upper").GetDouble(), 0.95)), cells["image_auroc"]);
            foreach (var metric in new[] { "pixel_auroc", "aupro", "f1_max" })
                Assert.Equal(ResultNumbers.Percent(run.GetProperty(metric).GetDouble()), cells[metric]);
            Assert.Equal(run.GetProperty("epochs_run").GetInt32().ToString(CultureInfo.InvariantCulture), cells["epochs_run"]);
            Assert.Equal(run.GetProperty("train_seconds").GetDouble().ToString("0.0", CultureInfo.InvariantCulture), cells["train_seconds"]);
        }
    }
}
