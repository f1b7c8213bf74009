namespace TrisimpleNet.Benchmark;

/// <summary>Parses the benchmark's command line (see <see cref="Usage"/>).</summary>
public static class BenchmarkArguments
{
    public const string Usage =
        "--data <MVTec-layout root or category folder> [--categories a,b] [--dataset mvtec|fashion-mnist] " +
        "[--mode simplenet,trisimplenet,patchcore|both|all] [--coreset-ratio R] [--robustness HOLDOUT-SHARE] [--backbone resnet18|wide_resnet50_2] [--weights <file>] [--epochs N] " +
        "[--batch-size N] [--resize N] [--crop N] [--input-size HxW] [--seeds 0,1,2] [--threads N] [--width N] [--discriminator-width N] [--early-stopping K] --output <dir>";

    /// <summary>The settings the arguments ask for.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, has an invalid one, or a required one is missing.</exception>
    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        for (int i = 0; i < args.Count; i += 2)
        {
            if (!KnownOptions.Contains(args[i]))
                throw new ArgumentException($"Unknown option '{args[i]}'. Usage: {Usage}");
            if (i + 1 >= args.Count)
                throw new ArgumentException($"Option '{args[i]}' needs a value.");
            values[args[i]] = args[i + 1];
        }
        string? Value(string option) => values.GetValueOrDefault(option);
        int? Positive(string option) => Value(option) is string text ? PositiveInteger(option, text) : null;

        var dataset = Value("--dataset") ?? "mvtec";
        if (dataset is not ("mvtec" or "fashion-mnist"))
            throw new ArgumentException($"--dataset '{dataset}' is unknown; expected mvtec or fashion-mnist.");
        if (dataset == "mvtec" && Value("--data") is null)
            throw new ArgumentException("Option '--data' is required for the mvtec dataset.");
        var backbone = Value("--backbone") ?? "resnet18";
        if (backbone is not ("resnet18" or "wide_resnet50_2"))
            throw new ArgumentException($"--backbone '{backbone}' is unknown; expected resnet18 or wide_resnet50_2.");

        return new BenchmarkSettings
        {
            DataFolder = Value("--data"),
            OutputFolder = Value("--output") ?? throw new ArgumentException("Option '--output' is required."),
            Categories = Value("--categories")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Dataset = dataset,
            Modes = Modes(Value("--mode") ?? "both"),
            CoresetRatio = Value("--coreset-ratio") is string ratio ? Share("--coreset-ratio", ratio) : 0.01,
            RobustnessHoldout = Value("--robustness") is string holdout ? Share("--robustness", holdout) : null,
            Backbone = backbone,
            WeightsPath = Value("--weights"),
            Epochs = Positive("--epochs"),
            BatchSize = Positive("--batch-size"),
            Resize = Positive("--resize"),
            CropSize = Positive("--crop"),
            InputSize = Value("--input-size") is string size ? InputSize(size) : null,
            Seeds = Value("--seeds") is string seeds ? Seeds(seeds) : [0],
            Threads = Positive("--threads"),
            Width = Positive("--width"),
            DiscriminatorWidth = Positive("--discriminator-width"),
            EarlyStoppingPatience = Positive("--early-stopping"),
        };
    }

    private static readonly HashSet<string> KnownOptions =
    [
        "--data", "--categories", "--dataset", "--mode", "--coreset-ratio", "--robustness", "--backbone", "--weights", "--epochs", "--batch-size",
        "--resize", "--crop", "--input-size", "--seeds", "--threads", "--width", "--discriminator-width", "--early-stopping", "--output",
    ];

    // A comma list of modes; "both" stands for simplenet,trisimplenet and "all" for every mode.
    private static IReadOnlyList<BenchmarkMode> Modes(string text)
    {
        var modes = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(name => name switch
        {
            "simplenet" => [BenchmarkMode.SimpleNet],
            "trisimplenet" => [BenchmarkMode.TrisimpleNet],
            "patchcore" => [BenchmarkMode.PatchCore],
            "both" => [BenchmarkMode.SimpleNet, BenchmarkMode.TrisimpleNet],
            "all" => Enum.GetValues<BenchmarkMode>(),
            _ => throw new ArgumentException($"--mode '{name}' is unknown; expected a comma list of simplenet, trisimplenet and patchcore, or both, or all."),
        }).Distinct().ToList();
        return modes.Count > 0 ? modes : throw new ArgumentException("--mode needs at least one mode.");
    }

    private static double Share(string option, string text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double share) && share > 0 && share <= 1
            ? share
            : throw new ArgumentException($"{option} needs a share in (0, 1] (for example 0.01), not '{text}'.");

    private static (int, int) InputSize(string text)
    {
        var parts = text.Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], out int height) && int.TryParse(parts[1], out int width) && height > 0 && width > 0
            ? (height, width)
            : throw new ArgumentException($"--input-size needs HxW (for example 256x256), not '{text}'.");
    }

    private static IReadOnlyList<int> Seeds(string text) =>
        text.Split(',').Select(seed => int.TryParse(seed, out int value)
            ? value
            : throw new ArgumentException($"--seeds needs comma-separated integers, not '{text}'.")).ToList();

    private static int PositiveInteger(string option, string value) =>
        int.TryParse(value, out int number) && number > 0
            ? number
            : throw new ArgumentException($"Option '{option}' needs a positive integer, not '{value}'.");
}
