using System.CommandLine;
using System.Globalization;
using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Evaluation;
using TrisimpleNet.Samples;

namespace TrisimpleNet.Inspect;

/// <summary>
/// Scores images with a saved detector and writes, in the output folder, <c>scores.csv</c>, a self-contained
/// <c>report.html</c> and the pictures of <see cref="CategoryPictures"/>, then prints a summary line. An
/// MVTec-layout category folder as input scores its labelled test split, so the pictures show labels and masks.
/// </summary>
public static class InspectRun
{
    /// <summary>Runs with command-line arguments (<c>--help</c> lists them); returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output) =>
        InspectCommand.Create(settings => Run(settings, output))
            .Parse(args)
            .Invoke(new InvocationConfiguration { Output = output, Error = output });

    /// <summary>Runs with <paramref name="settings"/>; returns the process exit code (1 with one error line on bad input).</summary>
    public static int Run(InspectSettings settings, TextWriter output)
    {
        try
        {
            if (!File.Exists(settings.ModelPath))
                throw new FileNotFoundException($"--model file '{settings.ModelPath}' does not exist.");
            var (name, inputs) = Inputs(settings.InputPath);
            using var detector = AnomalyDetector.Load(settings.ModelPath);
            float threshold = settings.Threshold ?? detector.Threshold;

            var folder = OutputFolder.PrepareEmpty(settings.OutputFolder);
            // Two passes of one batch of maps at a time, however many images: the first finds the heat scale.
            var (images, pictures) = PredictorPictures.Write(new DetectorBatchPredictor(detector), MapGeometry.Of(detector), inputs,
                threshold, folder, name, settings.Panels, detector.Decisions.PixelThreshold);
            ScoresCsv.Write(Path.Combine(folder, "scores.csv"), images, threshold);
            CategoryReport.Write(Path.Combine(folder, "report.html"), name, images, threshold, pictures);

            int anomalous = images.Count(image => image.Score >= threshold);
            output.WriteLine($"{images.Count} images scored: {anomalous} anomalous, {images.Count - anomalous} normal " +
                             $"(threshold {threshold.ToString("0.###", CultureInfo.InvariantCulture)}). report.html, scores.csv and pictures are in {folder}");
            return 0;
        }
        catch (Exception error) when (error is IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException)
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    private static (string Name, IReadOnlyList<ScoredImage> Inputs) Inputs(string input)
    {
        if (File.Exists(input)) return (Path.GetFileNameWithoutExtension(input), [ScoredImage.Unscored(Imaging.ImageSource.FromFile(input))]);
        if (!Directory.Exists(input))
            throw new FileNotFoundException($"--input '{input}' is neither an image file nor a folder.");
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(input)));
        if (Directory.Exists(Path.Combine(input, "test")))
            return (name, MvtecAdDataset.LoadCategory(input).Test.Select(ScoredImage.Unscored).ToList());
        var images = Imaging.ImageSource.FromFolder(input).Select(ScoredImage.Unscored).ToList();
        return images.Count > 0
            ? (name, images)
            : throw new FileNotFoundException($"--input folder '{input}' holds no image ({string.Join(", ", Imaging.ImageSource.FileExtensions)}) and no test/ folder of an MVTec-layout category.");
    }
}
