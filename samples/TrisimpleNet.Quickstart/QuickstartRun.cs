using System.Diagnostics;
using SixLabors.ImageSharp;
using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Evaluation;
using TrisimpleNet.Data.Synthetic;
using TrisimpleNet.Samples;

namespace TrisimpleNet.Quickstart;

/// <summary>
/// The quickstart: generates the synthetic surfaces (or reads the user's category), trains a ResNet18 detector per
/// category, evaluates it, saves it, and writes heatmap overlays and a ROC curve per category.
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
            output.WriteLine($"Total time {wallClock.Elapsed.TotalSeconds:0}s. Models, overlays and ROC curves are in {outputFolder}");
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
        RocCurvePlot.Save(evaluation, Path.Combine(categoryFolder, "roc.png"));
        WriteOverlays(detector, dataset, settings.OverlayCount, Path.Combine(categoryFolder, "overlays"));
        return new CategoryResult(evaluation, trainSeconds);
    }

    /// <summary>Overlays of the first normal images and the first image of each defect type, on one colour scale.</summary>
    private static void WriteOverlays(AnomalyDetector detector, AnomalyDataset dataset, int count, string folder)
    {
        Directory.CreateDirectory(folder);
        var anomalous = dataset.Test.Where(sample => sample.IsAnomalous).GroupBy(sample => sample.DefectType).Select(group => group.First());
        var normal = dataset.Test.Where(sample => !sample.IsAnomalous);
        var chosen = anomalous.Take(Math.Max(count - 1, 1)).Concat(normal.Take(1)).Take(count).ToList();
        var predictions = detector.Predict(chosen.Select(sample => sample.Image).ToList());
        float low = predictions.Min(p => p.Map.Min()), high = predictions.Max(p => p.Map.Max());
        for (int i = 0; i < chosen.Count; i++)
        {
            var mask = chosen[i].HasMask ? PrepareMask(detector, chosen[i]) : null;
            using var overlay = HeatmapOverlay.Render(detector, chosen[i].Image, predictions[i].Map, low, high, mask);
            overlay.SaveAsPng(Path.Combine(folder, $"{i:00}_{chosen[i].DefectType}.png"));
        }
    }

    private static byte[] PrepareMask(AnomalyDetector detector, TestSample sample)
    {
        using var mask = sample.OpenMask();
        return detector.Preprocessor.PrepareMask(mask);
    }
}
