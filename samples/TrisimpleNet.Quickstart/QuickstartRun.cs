using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Evaluation;
using TrisimpleNet.Data.Synthetic;
using TrisimpleNet.Samples;

namespace TrisimpleNet.Quickstart;

/// <summary>
/// The quickstart: generates the synthetic surfaces (or reads the user's category), trains a ResNet18 detector per
/// category, evaluates it, saves it, and writes the pictures of <see cref="CategoryPictures"/> per category.
/// </summary>
public static class QuickstartRun
{
    /// <summary>
    /// Runs with command-line arguments (<c>--help</c> lists them); returns the process exit code. Progress shows as
    /// bars when <paramref name="output"/> is an interactive console, else as a plain line per step.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output) =>
        QuickstartCommand.Create((settings, plain) =>
                IsInteractive(output) && !plain ? RunWithBars(settings, output) : Run(settings, output, new PlainStepDisplay(output)))
            .Parse(args)
            .Invoke(new InvocationConfiguration { Output = output, Error = output });

    /// <summary>Runs with <paramref name="settings"/>, a plain line per step; returns the process exit code.</summary>
    public static int Run(QuickstartSettings settings, TextWriter output) => Run(settings, output, new PlainStepDisplay(output));

    /// <summary>Runs with <paramref name="settings"/>, showing progress on <paramref name="display"/>; returns the process exit code.</summary>
    public static int Run(QuickstartSettings settings, TextWriter output, IStepDisplay display)
    {
        try
        {
            var wallClock = Stopwatch.StartNew();
            var outputFolder = OutputFolder.PrepareEmpty(settings.OutputFolder);
            var categories = LoadCategories(settings, outputFolder, display);
            var results = categories.Select(dataset => RunCategory(dataset, settings, outputFolder, display)).ToList();
            output.WriteLine();
            output.WriteLine(ResultsTable.Format(results));
            output.WriteLine($"Total time {wallClock.Elapsed.TotalSeconds:0}s. Models and pictures are in {outputFolder}");
            return 0;
        }
        catch (Exception error) when (error is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    /// <summary>Runs under live progress bars; the table and any error are held back until the bars are done, so they do not tear the display.</summary>
    private static int RunWithBars(QuickstartSettings settings, TextWriter output)
    {
        var report = new StringWriter();
        int exitCode = SpectreStepDisplay.Run(display => Run(settings, report, display));
        output.Write(report.ToString());
        return exitCode;
    }

    private static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Spectre.Console.AnsiConsole.Profile.Capabilities.Interactive;

    private static IReadOnlyList<AnomalyDataset> LoadCategories(QuickstartSettings settings, string outputFolder, IStepDisplay display)
    {
        if (settings.DataFolder is not null)
        {
            if (!Directory.Exists(settings.DataFolder))
                throw new IOException($"--data folder '{settings.DataFolder}' does not exist.");
            return [MvtecAdDataset.LoadCategory(settings.DataFolder)];
        }
        var dataRoot = Path.Combine(outputFolder, "data");
        display.Note($"Generating the synthetic surface dataset in {dataRoot}");
        return SyntheticSurfaceDataset.Generate(dataRoot, settings.Synthetic).Select(MvtecAdDataset.LoadCategory).ToList();
    }

    private static CategoryResult RunCategory(AnomalyDataset dataset, QuickstartSettings settings, string outputFolder, IStepDisplay display)
    {
        var training = Stopwatch.StartNew();
        var steps = new TrainingSteps(display, dataset.Name);
        using var detector = new AnomalyDetectorBuilder(settings.DetectorOptions()).Train(dataset.Train, steps);
        steps.Complete();
        var trainSeconds = training.Elapsed.TotalSeconds;

        var evaluating = display.Start($"{dataset.Name}: evaluation and pictures", total: null);
        var evaluation = Evaluator.Evaluate(detector, dataset);
        var categoryFolder = Directory.CreateDirectory(Path.Combine(outputFolder, dataset.Name)).FullName;
        detector.Save(Path.Combine(categoryFolder, "model.tsn"));
        WritePictures(detector, dataset, Path.Combine(categoryFolder, "pictures"));
        evaluating.Complete(string.Create(CultureInfo.InvariantCulture, $"image AUROC {evaluation.ImageAuroc:0.000}"));
        return new CategoryResult(evaluation, trainSeconds);
    }

    /// <summary>A panel per test image, the contact sheet, the score histogram and the ROC and PRO curves (see <see cref="CategoryPictures"/>).</summary>
    private static void WritePictures(AnomalyDetector detector, AnomalyDataset dataset, string folder)
    {
        var predictions = detector.Predict(dataset.Test.Select(sample => sample.Image).ToList());
        CategoryPictures.Write(folder, dataset.Name, dataset.Test.Zip(predictions, ScoredImage.Of).ToList(), detector.Threshold, MapGeometry.Of(detector), pixelThreshold: detector.Decisions.PixelThreshold);
    }
}
