using System.Diagnostics;
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
    /// <summary>Runs with command-line arguments; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        QuickstartSettings settings;
        try
        {
            settings = QuickstartArguments.Parse(args);
        }
        catch (ArgumentException error)
        {
            output.WriteLine($"error: {error.Message}");
            return 2;
        }
        return Run(settings, output);
    }

    /// <summary>Runs with <paramref name="settings"/>; returns the process exit code.</summary>
    public static int Run(QuickstartSettings settings, TextWriter output)
    {
        try
        {
            var wallClock = Stopwatch.StartNew();
            var outputFolder = OutputFolder.PrepareEmpty(settings.OutputFolder);
            var categories = LoadCategories(settings, outputFolder, output);
            var results = categories.Select(dataset => RunCategory(dataset, settings, outputFolder, output)).ToList();
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

    private static IReadOnlyList<AnomalyDataset> LoadCategories(QuickstartSettings settings, string outputFolder, TextWriter output)
    {
        if (settings.DataFolder is not null)
        {
            if (!Directory.Exists(settings.DataFolder))
                throw new IOException($"--data folder '{settings.DataFolder}' does not exist.");
            return [MvtecAdDataset.LoadCategory(settings.DataFolder)];
        }
        var dataRoot = Path.Combine(outputFolder, "data");
        output.WriteLine($"Generating the synthetic surface dataset in {dataRoot}");
        return SyntheticSurfaceDataset.Generate(dataRoot, settings.Synthetic).Select(MvtecAdDataset.LoadCategory).ToList();
    }

    private static CategoryResult RunCategory(AnomalyDataset dataset, QuickstartSettings settings, string outputFolder, TextWriter output)
    {
        output.WriteLine($"{dataset.Name}: training on {dataset.Train.Count} images for {settings.Epochs} epochs");
        var training = Stopwatch.StartNew();
        using var detector = new AnomalyDetectorBuilder(settings.DetectorOptions()).Train(dataset.Train);
        var trainSeconds = training.Elapsed.TotalSeconds;

        var evaluation = Evaluator.Evaluate(detector, dataset);
        var categoryFolder = Directory.CreateDirectory(Path.Combine(outputFolder, dataset.Name)).FullName;
        detector.Save(Path.Combine(categoryFolder, "model.tsn"));
        WritePictures(detector, dataset, Path.Combine(categoryFolder, "pictures"));
        return new CategoryResult(evaluation, trainSeconds);
    }

    /// <summary>A panel per test image, the contact sheet, the score histogram and the PRO curve (see <see cref="CategoryPictures"/>).</summary>
    private static void WritePictures(AnomalyDetector detector, AnomalyDataset dataset, string folder)
    {
        var predictions = detector.Predict(dataset.Test.Select(sample => sample.Image).ToList());
        CategoryPictures.Write(folder, dataset.Name, dataset.Test.Zip(predictions, ScoredImage.Of).ToList(), detector.Threshold, MapGeometry.Of(detector));
    }
}
