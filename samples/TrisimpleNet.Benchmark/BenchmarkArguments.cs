using System.CommandLine;
using TrisimpleNet.Losses;
using TrisimpleNet.Training;

namespace TrisimpleNet.Benchmark;

/// <summary>The benchmark's command line (System.CommandLine grammar; values are checked here, with messages naming the option).</summary>
public static class BenchmarkArguments
{
    private static readonly (string Name, string Description)[] Options =
    [
        ("--data", "MVTec-layout root or one category folder (required for --dataset mvtec)"),
        ("--categories", "comma list of categories (default: every category found)"),
        ("--dataset", "mvtec (default) or fashion-mnist"),
        ("--mode", "comma list of simplenet, trisimplenet and patchcore; both = simplenet,trisimplenet; all = all three (default: both)"),
        ("--coreset-ratio", "PatchCore's coreset share of the training positions, in (0, 1] (default 0.01)"),
        ("--robustness", "measure robustness to small disturbances, holding out this share of the training images to calibrate the 1% FPR threshold"),
        ("--backbone", "resnet18 (default, packaged) or wide_resnet50_2 (needs --weights)"),
        ("--weights", "PyTorch state-dict file of the backbone"),
        ("--epochs", "training epochs, exactly this many unless --early-stopping or --training-steps is given (default: the preset's, with its early stopping)"),
        ("--training-steps", "train about this many optimiser steps in whole epochs, at most --epochs (default: the preset's; ResNet18: 240)"),
        ("--batch-size", "training batch size"),
        ("--resize", "resize side before the centre crop"),
        ("--crop", "centre crop side"),
        ("--input-size", "HxW: resize the whole image, no crop (for example 288x288)"),
        ("--seeds", "comma list of seeds (default 0)"),
        ("--threads", "torch threads (default: the processor count)"),
        ("--layers", "comma list of backbone layers, shallowest first (default layer2,layer3; every mode uses them)"),
        ("--width", "feature width (layer and embedding)"),
        ("--discriminator-width", "discriminator hidden width"),
        ("--ensemble-size", "adaptor-discriminator pairs trained with seeds s, s + 1000, ... and merged into one detector scoring their mean (default: the preset's, ResNet18: 3 in TrisimpleNet mode; SimpleNet mode: 1)"),
        ("--early-stopping", "patience in epochs of early stopping on training signals"),
        ("--precision", "auto (default: bfloat16 only where it is faster on this CPU), float32 or bfloat16"),
        ("--calibration-share", "share of the training images held out to calibrate the thresholds, in [0, 1) (default 0.1; 0 trains on every image, as PatchCore does)"),
        ("--fake-anomaly-sigma", "sigma of the fake anomalies, in the preset's noise scale (ResNet18: x the feature spread)"),
        ("--ascent-steps", "gradient-ascent steps hardening each fake anomaly (GLASS-style option; default 0, the paper's plain noise)"),
        ("--ascent-from-epoch", "the first epoch the ascent hardens the fake anomalies (default 2; 1 from the start, as studies 9-12)"),
        ("--fake-normal-sigma", "sigma' of the fake normals, in the same scale, >= 0 (0: q' = q, an ablation)"),
        ("--positive-threshold", "th+ of the truncated L1 loss: normal scores cost nothing above it (default: the preset's, 1000 for ResNet18; the paper's 0.5)"),
        ("--negative-threshold", "th- of the truncated L1 loss: fake-anomaly scores cost nothing below it (default: the preset's, -1000 for ResNet18; the paper's -0.5)"),
        ("--triplet-margin", "alpha, the triplet margin (default 1)"),
        ("--triplet-terms", "margin-and-pull (default), margin or pull: which terms of eq. 3.11 (ablation)"),
        ("--pull-target", "normal (default: |D(q) - D(q')|) or fake-anomaly (|D(q-) - D(q')|, ablation)"),
        ("--discriminator-passes", "joint (q, q-, q' in one pass, the paper's) or per-pair ((q, q-) and (q, q'); default: the preset's, per-pair for ResNet18)"),
        ("--weight-averaging", "keep the moving average of the weights over this many epochs of steps instead of the last weights (option; default: the last weights, the paper's)"),
        ("--smoothing-sigma", "Gaussian smoothing of the score maps, in pixels, for every mode (default 4, the paper's)"),
        ("--position-bias", "on or off: subtract what the training images score at each position (default: the preset's, on for ResNet18; the paper's off); not PatchCore"),
        ("--feature-cache-precision", "float32 or bfloat16 (default): the precision of the cached backbone features"),
        ("--train-limit", "use only the first N training images of each category (for example Fashion-MNIST's 6,000)"),
        ("--test-limit", "use only the first N test images of each category, in the dataset's order"),
        ("--synthetic-validation", "hold out this share of the training images and evaluate on them, as they are and with painted synthetic defects, instead of the test set (for choosing settings without test labels)"),
        ("--output", "folder for results.json and results.md (required)"),
    ];

    private static readonly Dictionary<string, Option<string?>> OptionsByName =
        Options.ToDictionary(option => option.Name, option => new Option<string?>(option.Name) { Description = option.Description });

    private static readonly Option<bool> PicturesOption = new("--pictures")
    {
        Description = "also draw, for the first seed of every category and mode, a panel per test image, the contact sheet, the score histogram and the " +
                      "ROC and PRO curves under pictures/, and write report.html with the tables and pictures (off by default: it scores each test split twice more)",
    };

    /// <summary>The grammar, which also answers --help.</summary>
    public static RootCommand Command { get; } = CreateCommand();

    /// <summary>Whether the arguments ask for the help text.</summary>
    public static bool AsksForHelp(IReadOnlyList<string> args) => args.Any(arg => arg is "--help" or "-h" or "-?");

    /// <summary>The settings the arguments ask for.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, has an invalid one, or a required one is missing.</exception>
    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var result = Command.Parse(args.ToArray());
        if (result.Errors.Count > 0)
            throw new ArgumentException($"{result.Errors[0].Message} See --help.");
        string? Value(string option) => result.GetValue(OptionsByName[option]);
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
            CoresetRatio = Value("--coreset-ratio") is string ratio ? Number("--coreset-ratio", ratio, ShareRange) : 0.01,
            RobustnessHoldout = Value("--robustness") is string holdout ? Number("--robustness", holdout, ShareRange) : null,
            Backbone = backbone,
            WeightsPath = Value("--weights"),
            Epochs = Positive("--epochs"),
            TrainingSteps = Positive("--training-steps"),
            BatchSize = Positive("--batch-size"),
            Resize = Positive("--resize"),
            CropSize = Positive("--crop"),
            InputSize = Value("--input-size") is string size ? InputSize(size) : null,
            Seeds = Value("--seeds") is string seeds ? Seeds(seeds) : [0],
            Threads = Positive("--threads"),
            Layers = Value("--layers")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Width = Positive("--width"),
            DiscriminatorWidth = Positive("--discriminator-width"),
            EnsembleSize = Positive("--ensemble-size"),
            EarlyStoppingPatience = Positive("--early-stopping"),
            Precision = Value("--precision") is string precision ? Precision(precision) : null,
            CalibrationShare = Value("--calibration-share") is string calibration ? Number("--calibration-share", calibration, CalibrationShareRange) : null,
            FakeAnomalySigma = Value("--fake-anomaly-sigma") is string sigma ? Number("--fake-anomaly-sigma", sigma, NonNegativeRange) : null,
            AscentSteps = Value("--ascent-steps") is string ascent ? NonNegativeInteger("--ascent-steps", ascent) : null,
            AscentFromEpoch = Positive("--ascent-from-epoch"),
            FakeNormalSigma = Value("--fake-normal-sigma") is string sigmaPrime ? Number("--fake-normal-sigma", sigmaPrime, NonNegativeRange) : null,
            PositiveThreshold = Value("--positive-threshold") is string positive ? Number("--positive-threshold", positive, FiniteRange) : null,
            NegativeThreshold = Value("--negative-threshold") is string negative ? Number("--negative-threshold", negative, FiniteRange) : null,
            TripletMargin = Value("--triplet-margin") is string margin ? Number("--triplet-margin", margin, NonNegativeRange) : null,
            TripletTerms = Value("--triplet-terms") is string terms ? Choice("--triplet-terms", terms,
                ("margin-and-pull", TripletTerms.MarginAndPull), ("margin", TripletTerms.MarginOnly), ("pull", TripletTerms.PullOnly)) : null,
            PullTarget = Value("--pull-target") is string target ? Choice("--pull-target", target,
                ("normal", PullTarget.Normal), ("fake-anomaly", PullTarget.FakeAnomaly)) : null,
            DiscriminatorPasses = Value("--discriminator-passes") is string passes ? Choice("--discriminator-passes", passes,
                ("joint", DiscriminatorPasses.Joint), ("per-pair", DiscriminatorPasses.PerPair)) : null,
            WeightAveragingEpochs = Value("--weight-averaging") is string averaging ? Number("--weight-averaging", averaging, PositiveRange) : null,
            SmoothingSigma = Value("--smoothing-sigma") is string smoothing ? Number("--smoothing-sigma", smoothing, PositiveRange) : null,
            PositionBias = Value("--position-bias") is string positionBias ? Choice("--position-bias", positionBias, ("on", true), ("off", false)) : null,
            FeatureCachePrecision = Value("--feature-cache-precision") is string cache ? Choice("--feature-cache-precision", cache,
                ("float32", ComputePrecision.Float32), ("bfloat16", ComputePrecision.BFloat16)) : null,
            TrainLimit = Positive("--train-limit"),
            TestLimit = Positive("--test-limit"),
            Pictures = result.GetValue(PicturesOption),
            SyntheticValidationShare = Value("--synthetic-validation") is string validation ? Number("--synthetic-validation", validation, ShareRange) : null,
        };
    }

    private static RootCommand CreateCommand()
    {
        var command = new RootCommand("Trains and evaluates SimpleNet, TrisimpleNet and the PatchCore baseline on every (category, seed, mode) and writes results.json and results.md (and with --pictures, pictures and report.html).");
        foreach (var option in OptionsByName.Values) command.Add(option);
        command.Add(PicturesOption);
        return command;
    }

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

    private static ComputePrecision Precision(string text) => text switch
    {
        "auto" => ComputePrecision.Auto,
        "float32" => ComputePrecision.Float32,
        "bfloat16" => ComputePrecision.BFloat16,
        _ => throw new ArgumentException($"--precision '{text}' is unknown; expected auto, float32 or bfloat16."),
    };

    private static T Choice<T>(string option, string text, params (string Name, T Value)[] choices) =>
        choices.FirstOrDefault(choice => choice.Name == text) is { Name: not null } match
            ? match.Value
            : throw new ArgumentException($"{option} '{text}' is unknown; expected {string.Join(", ", choices.Select(choice => choice.Name))}.");

    // The ranges of the real-valued options, each with how its error message names it.
    private static readonly NumberRange ShareRange = new(0, LowestIncluded: false, 1, HighestIncluded: true, "a share in (0, 1] (for example 0.01)");
    private static readonly NumberRange CalibrationShareRange = new(0, LowestIncluded: true, 1, HighestIncluded: false, "a share in [0, 1) (for example 0.1)");
    private static readonly NumberRange NonNegativeRange = new(0, LowestIncluded: true, double.PositiveInfinity, HighestIncluded: false, "a finite number >= 0");
    private static readonly NumberRange FiniteRange = new(double.NegativeInfinity, LowestIncluded: false, double.PositiveInfinity, HighestIncluded: false, "a finite number");
    private static readonly NumberRange PositiveRange = new(0, LowestIncluded: false, double.PositiveInfinity, HighestIncluded: false, "a finite number > 0");

    private sealed record NumberRange(double Lowest, bool LowestIncluded, double Highest, bool HighestIncluded, string Expected)
    {
        public bool Contains(double value) =>
            (LowestIncluded ? value >= Lowest : value > Lowest) && (HighestIncluded ? value <= Highest : value < Highest);
    }

    private static double Number(string option, string text, NumberRange range) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) && range.Contains(value)
            ? value
            : throw new ArgumentException($"{option} needs {range.Expected}, not '{text}'.");

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

    private static int NonNegativeInteger(string option, string value) =>
        int.TryParse(value, out int number) && number >= 0
            ? number
            : throw new ArgumentException($"Option '{option}' needs an integer >= 0, not '{value}'.");
}
