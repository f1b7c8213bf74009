namespace TrisimpleNet.Quickstart;

/// <summary>Parses <c>--data DIR</c>, <c>--epochs N</c> and <c>--output DIR</c> over the default settings.</summary>
public static class QuickstartArguments
{
    /// <summary>The settings the arguments ask for.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value or has an invalid one.</exception>
    public static QuickstartSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new QuickstartSettings();
        for (int i = 0; i < args.Count; i++)
        {
            string option = args[i];
            if (i + 1 >= args.Count)
                throw new ArgumentException($"Option '{option}' needs a value.");
            string value = args[++i];
            settings = option switch
            {
                "--data" => settings with { DataFolder = value },
                "--output" => settings with { OutputFolder = value },
                "--epochs" => settings with { Epochs = PositiveInteger(option, value) },
                _ => throw new ArgumentException($"Unknown option '{option}'; expected --data, --epochs or --output."),
            };
        }
        return settings;
    }

    private static int PositiveInteger(string option, string value) =>
        int.TryParse(value, out int number) && number > 0
            ? number
            : throw new ArgumentException($"Option '{option}' needs a positive integer, not '{value}'.");
}
