using System.CommandLine;

namespace TrisimpleNet.Inspect;

/// <summary>The inspection's command line: <c>--model FILE --input IMAGE|FOLDER|CATEGORY [--output FOLDER] [--threshold T] [--no-panels]</c>.</summary>
public static class InspectCommand
{
    /// <summary>The root command; a valid command line runs <paramref name="inspect"/> and exits with what it returns.</summary>
    public static RootCommand Create(Func<InspectSettings, int> inspect)
    {
        var model = new Option<FileInfo>("--model") { HelpName = "file", Description = "A detector file saved by AnomalyDetector.Save (.tsn).", Required = true };
        var input = new Option<string>("--input")
        {
            HelpName = "image|folder|category",
            Description = "An image, a folder of images, or an MVTec-layout category folder (its labelled test split is scored, with masks).",
            Required = true,
        };
        var output = new Option<string>("--output") { HelpName = "folder", Description = "Output folder.", DefaultValueFactory = _ => "inspect-output" };
        var threshold = new Option<float?>("--threshold") { HelpName = "score", Description = "Image scores above this are anomalous (default: the detector's threshold)." };
        var noPanels = new Option<bool>("--no-panels") { Description = "Skip the per-image panels (for large folders)." };
        var command = new RootCommand("Scores images with a saved TrisimpleNet detector: scores.csv, report.html, pictures.")
        {
            model, input, output, threshold, noPanels,
        };
        command.SetAction(parse => inspect(new InspectSettings(
            parse.GetRequiredValue(model).FullName,
            parse.GetRequiredValue(input),
            parse.GetRequiredValue(output),
            parse.GetValue(threshold),
            !parse.GetValue(noPanels))));
        return command;
    }
}
