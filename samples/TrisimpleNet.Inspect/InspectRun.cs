using System.Globalization;
using System.Text;
using SixLabors.ImageSharp;
using TrisimpleNet.Imaging;
using TrisimpleNet.Samples;

namespace TrisimpleNet.Inspect;

/// <summary>
/// Scores images with a saved detector: an overlay PNG per image and <c>scores.csv</c> (file, image score, verdict
/// against the detector's threshold) in the output folder, and a summary line.
/// </summary>
public static class InspectRun
{
    /// <summary>The image file extensions read from an input folder.</summary>
    public static readonly IReadOnlyList<string> ImageExtensions = [".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff"];

    /// <summary>Runs with command-line arguments; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        try
        {
            var arguments = InspectArguments.Parse(args);
            if (!File.Exists(arguments.ModelPath))
                throw new FileNotFoundException($"--model file '{arguments.ModelPath}' does not exist.");
            var images = InputImages(arguments.InputPath);
            using var detector = AnomalyDetector.Load(arguments.ModelPath);
            Inspect(detector, images, Directory.CreateDirectory(arguments.OutputFolder).FullName, output);
            return 0;
        }
        catch (Exception error) when (error is IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException)
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    private static IReadOnlyList<string> InputImages(string input)
    {
        if (File.Exists(input)) return [input];
        if (!Directory.Exists(input))
            throw new FileNotFoundException($"--input '{input}' is neither an image file nor a folder.");
        var images = Directory.EnumerateFiles(input)
            .Where(path => ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
            .Order(StringComparer.Ordinal).ToList();
        return images.Count > 0 ? images : throw new FileNotFoundException($"--input folder '{input}' holds no image ({string.Join(", ", ImageExtensions)}).");
    }

    private static void Inspect(AnomalyDetector detector, IReadOnlyList<string> imagePaths, string outputFolder, TextWriter output)
    {
        var sources = imagePaths.Select(ImageSource.FromFile).ToList();
        var predictions = detector.Predict(sources);
        float low = predictions.Min(p => p.Map.Min()), high = Math.Max(predictions.Max(p => p.Map.Max()), detector.Threshold);
        var csv = new StringBuilder("file,image_score,verdict\n");
        for (int i = 0; i < sources.Count; i++)
        {
            string name = Path.GetFileName(imagePaths[i]);
            using (var overlay = HeatmapOverlay.Render(detector, sources[i], predictions[i].Map, low, high))
                overlay.SaveAsPng(Path.Combine(outputFolder, Path.GetFileNameWithoutExtension(name) + "_overlay.png"));
            csv.Append(CultureInfo.InvariantCulture, $"{name},{predictions[i].Score:R},{Verdict(predictions[i].IsAnomalous)}\n");
        }
        File.WriteAllText(Path.Combine(outputFolder, "scores.csv"), csv.ToString());
        int anomalous = predictions.Count(p => p.IsAnomalous);
        output.WriteLine($"{sources.Count} images scored: {anomalous} anomalous, {sources.Count - anomalous} normal " +
                         $"(threshold {detector.Threshold.ToString("0.###", CultureInfo.InvariantCulture)}). Overlays and scores.csv are in {outputFolder}");
    }

    private static string Verdict(bool isAnomalous) => isAnomalous ? "anomalous" : "normal";
}
