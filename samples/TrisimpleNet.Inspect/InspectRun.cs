using System.CommandLine;
using System.Globalization;
using TrisimpleNet.Data.Datasets;
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
            var predictions = detector.Predict(inputs.Select(input => input.Image).ToList());
            var images = inputs.Zip(predictions, (input, prediction) => input.Score(prediction)).ToList();

            var folder = OutputFolder.PrepareEmpty(settings.OutputFolder);
            ScoresCsv.Write(Path.Combine(folder, "scores.csv"), images, threshold);
            var pictures = CategoryPictures.Write(folder, name, images, threshold, MapGeometry.Of(detector), settings.Panels, detector.Decisions.PixelThreshold);
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

    /// <summary>An image to score, with its label and mask when it comes from a labelled test split.</summary>
    private sealed record Input(Imaging.ImageSource Image, TestSample? Sample)
    {
        public ScoredImage Score(AnomalyPrediction prediction) =>
            Sample is null ? ScoredImage.Of(Image.Name, prediction) : ScoredImage.Of(Sample, prediction);
    }

    private static (string Name, IReadOnlyList<Input> Inputs) Inputs(string input)
    {
        if (File.Exists(input)) return (Path.GetFileNameWithoutExtension(input), [new Input(Imaging.ImageSource.FromFile(input), null)]);
        if (!Directory.Exists(input))
            throw new FileNotFoundException($"--input '{input}' is neither an image file nor a folder.");
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(input)));
        if (Directory.Exists(Path.Combine(input, "test")))
            return (name, MvtecAdDataset.LoadCategory(input).Test.Select(sample => new Input(sample.Image, sample)).ToList());
        var images = Imaging.ImageSource.FromFolder(input).Select(image => new Input(image, null)).ToList();
        return images.Count > 0
            ? (name, images)
            : throw new FileNotFoundException($"--input folder '{input}' holds no image ({string.Join(", ", Imaging.ImageSource.FileExtensions)}) and no test/ folder of an MVTec-layout category.");
    }
}
