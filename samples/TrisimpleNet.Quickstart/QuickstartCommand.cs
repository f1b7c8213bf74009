using System.CommandLine;
using System.Globalization;

namespace TrisimpleNet.Quickstart;

/// <summary>The quickstart's command line: <c>[--data DIR] [--epochs N] [--output DIR] [--plain]</c>; no arguments run the defaults.</summary>
public static class QuickstartCommand
{
    /// <summary>The root command; a valid command line runs <paramref name="run"/> with the settings and whether plain progress lines were asked for.</summary>
    public static RootCommand Create(Func<QuickstartSettings, bool, int> run)
    {
        var defaults = new QuickstartSettings();
        var data = new Option<DirectoryInfo?>("--data")
        {
            HelpName = "folder",
            Description = "An MVTec-layout category folder of yours (train/good, test/<type>, ground_truth/<type>). Default: generated synthetic surfaces.",
        };
        var epochs = new Option<int>("--epochs") { HelpName = "n", Description = "Training epochs per category.", DefaultValueFactory = _ => defaults.Epochs };
        epochs.Validators.Add(result =>
        {
            // Tokens that are not an integer at all already get the parser's own error.
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out int value) && value < 1)
                result.AddError($"--epochs must be a positive integer, not {value}.");
        });
        var output = new Option<string>("--output")
        {
            HelpName = "folder",
            Description = "Output folder (cleared when a previous sample run wrote it).", DefaultValueFactory = _ => defaults.OutputFolder,
        };
        var plain = new Option<bool>("--plain") { Description = "A plain line per step instead of progress bars, even on an interactive console." };
        var command = new RootCommand("Trains and evaluates a TrisimpleNet detector per category, then writes models, pictures and a table.")
        {
            data, epochs, output, plain,
        };
        command.SetAction(parse => run(
            defaults with
            {
                DataFolder = parse.GetValue(data)?.FullName,
                Epochs = parse.GetValue(epochs),
                OutputFolder = parse.GetRequiredValue(output),
            },
            parse.GetValue(plain)));
        return command;
    }
}
