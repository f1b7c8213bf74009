using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace TrisimpleNet.Quickstart;

/// <summary>The quickstart's command line: <c>[--data DIR] [--epochs N] [--ensemble-size N] [--output DIR] [--plain]</c>; no arguments run the defaults.</summary>
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
        epochs.Validators.Add(result => MustBePositive(result, "--epochs"));
        var pairs = new Option<int?>("--ensemble-size")
        {
            HelpName = "n",
            Description = "Adaptor-discriminator pairs trained and merged per category. Default: the preset's, 3; 1 trains in about 40% of the time.",
        };
        pairs.Validators.Add(result => MustBePositive(result, "--ensemble-size"));
        var output = new Option<string>("--output")
        {
            HelpName = "folder",
            Description = "Output folder (cleared when a previous sample run wrote it).", DefaultValueFactory = _ => defaults.OutputFolder,
        };
        var plain = new Option<bool>("--plain") { Description = "A plain line per step instead of progress bars, even on an interactive console." };
        var command = new RootCommand("Trains and evaluates a TrisimpleNet detector per category, then writes models, pictures and a table.")
        {
            data, epochs, pairs, output, plain,
        };
        command.SetAction(parse => run(
            defaults with
            {
                DataFolder = parse.GetValue(data)?.FullName,
                Epochs = parse.GetValue(epochs),
                EnsembleSize = parse.GetValue(pairs),
                OutputFolder = parse.GetRequiredValue(output),
            },
            parse.GetValue(plain)));
        return command;
    }

    // Tokens that are not an integer at all already get the parser's own error.
    private static void MustBePositive(OptionResult result, string name)
    {
        if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out int value) && value < 1)
            result.AddError($"{name} must be a positive integer, not {value}.");
    }
}
