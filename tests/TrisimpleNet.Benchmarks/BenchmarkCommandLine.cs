using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// The command line, parsed by System.CommandLine: a subcommand per measurement (and <c>all</c>), each taking the
/// typed options it reads, so that <c>--help</c> lists them and an unknown option or a bad value is an error naming
/// it before anything runs. The values given reach the subcommands as <see cref="BenchmarkArguments"/>, whose callers
/// supply the defaults. A new subcommand adds its options to <see cref="Catalogue"/> and its description to
/// <see cref="Descriptions"/>.
/// </summary>
public static class BenchmarkCommandLine
{
    private static readonly string[] TrainingShapes = ["matmul", "train-step", "growth"];

    /// <summary>Each subcommand's one-line description for --help.</summary>
    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["matmul"] = "GFLOP/s of torch.matmul in float32 and bfloat16 on the training step's shapes.",
        ["train-step"] = "Time per step of the real Trainer over a synthetic feature cache.",
        ["noise"] = "Time to draw a training step's noise from one generator and blockwise on torch's threads.",
        ["inference"] = "Time of each inference stage per batch, with the real ResNet18 backbone.",
        ["threads"] = "ResNet18 forward up to layer3 at each thread count.",
        ["growth"] = "Training step and inference time against input size, epoch time against cache size.",
        ["cache-memory"] = "Bytes per cached image and the peak working set while a feature cache fills (and trains).",
        ["metric-memory"] = "Memory and time of the streamed pixel metrics on synthetic maps.",
        ["prediction-memory"] = "Working-set growth over many predictions after warm-up (issue 11: under 50 MB over 10,000).",
        ["concurrency-stress"] = "Threads predicting with one detector while others train and force garbage collections (docs/thread-safety.md).",
        ["all"] = "Every subcommand in turn; options with the same name apply to all.",
    };

    /// <summary>Every option: its name, the subcommands that take it (null: every one), and the option itself.</summary>
    private static readonly (string Name, string[]? Subcommands, Option Option)[] Catalogue =
    [
        ("output", null, Text("--output", "folder", "Output folder (default benchmark-results).")),
        ("threads", null, Positive("--threads", "Torch intra-op threads (default: torch's choice).")),
        ("repetitions", null, Positive("--repetitions", "Timed runs after one warm-up; the median is reported (default 5).")),
        ("native-heap", null, OneOf("--native-heap", "TrisimpleNetOptions.LimitNativeHeapGrowth and ReuseNativeMemory of what the run builds: limited (the library's default) or default (glibc's own heap handling).", "limited", "default")),
        ("input", [.. TrainingShapes, "noise", "inference", "threads", "cache-memory", "prediction-memory", "concurrency-stress"], Positive("--input", "Input side in pixels (default 288; prediction-memory and concurrency-stress 64).")),
        ("batch", [.. TrainingShapes, "noise", "inference", "threads"], Positive("--batch", "Images per batch (default 4 for training shapes, 8 for inference and threads).")),
        ("width", [.. TrainingShapes, "noise", "cache-memory"], Positive("--width", "Feature width (default 1536).")),
        ("hidden", [.. TrainingShapes, "inference"], Positive("--hidden", "Discriminator hidden width (default 1024; inference: the ResNet18 preset's).")),
        ("method", TrainingShapes, Enum<TrainingMethod>("--method", "trisimplenet or simplenet (default trisimplenet).")),
        ("passes", TrainingShapes, Enum<Training.DiscriminatorPasses>("--passes", "joint or perpair: TrisimpleNetOptions.DiscriminatorPasses (default joint, the paper's; the ResNet18 preset uses perpair).")),
        ("steps", ["train-step", "growth"], Positive("--steps", "Training steps measured (default 20).")),
        ("precision", ["train-step", "growth"], Enum<ComputePrecision>("--precision", "float32, bfloat16 or auto: TrisimpleNetOptions.Precision (default float32).")),
        ("pairs", ["inference"], Positive("--pairs", "Adaptor-discriminator pairs merged into the head (default: the ResNet18 preset's choice, 3).")),
        ("source", ["inference", "growth", "prediction-memory"], Positive("--source", "Side of the in-memory source images (default 1024; prediction-memory 256).")),
        ("counts", ["threads"], PositiveList("--counts", "Comma list of thread counts (default 1,2).")),
        ("inputs", ["growth"], PositiveList("--inputs", "Comma list of input sides (default 224,288,320).")),
        ("cache-images", ["growth"], PositiveList("--cache-images", "Comma list of cache sizes in images (default 50,100,200,400).")),
        ("inference-batch", ["growth"], Positive("--inference-batch", "Inference batch size (default 8).")),
        ("images", ["cache-memory"], Positive("--images", "Synthetic images in the cache (default 200).")),
        ("cache-precision", ["cache-memory"], Enum<ComputePrecision>("--cache-precision", "float32 or bfloat16: TrisimpleNetOptions.FeatureCachePrecision (default bfloat16).")),
        ("train-epochs", ["cache-memory"], NonNegative("--train-epochs", "Epochs trained over the cache after it is filled (default 0).")),
        ("cache-budget-mib", ["cache-memory"], NonNegative("--cache-budget-mib", "TrisimpleNetOptions.FeatureCacheMemoryBudget in MiB: a larger cache is a memory-mapped file (default: half the memory).")),
        ("page-out", ["cache-memory"], OneOf("--page-out", "true: before training, drop the memory-mapped cache's pages (Linux madvise MADV_PAGEOUT), so the epochs read it from the disk (default false).", "true", "false")),
        ("cache-folder", ["cache-memory"], Text("--cache-folder", "folder", "TrisimpleNetOptions.FeatureCacheFolder: where a cache beyond the budget goes (default: the system's temporary folder).")),
        ("case", ["metric-memory"], Enum<MetricMemoryBenchmark.Case>("--case", "smooth, quantised, noisy or aupro (default smooth).")),
        ("maps", ["metric-memory"], Positive("--maps", "Number of maps (default 134; aupro 100).")),
        ("size", ["metric-memory"], Positive("--size", "Map side in pixels (default 1024; aupro 288).")),
        ("predictions", ["prediction-memory"], Positive("--predictions", "Predictions measured after warm-up (default 10000).")),
        ("warmup", ["prediction-memory"], Positive("--warmup", "Predictions before the first measurement (default 200).")),
        ("seconds", ["concurrency-stress"], Positive("--seconds", "Duration in seconds (default 300).")),
        ("prediction-threads", ["concurrency-stress"], Positive("--prediction-threads", "Threads predicting at once (default 8).")),
        ("sample-every", ["prediction-memory"], Positive("--sample-every", "Predictions between working-set samples (default 1000).")),
    ];

    /// <summary>
    /// Parses <paramref name="args"/> and, unless they ask for help or hold an error (printed to
    /// <paramref name="error"/> with exit code 2), calls <paramref name="run"/> with the arguments given.
    /// </summary>
    public static int Invoke(IReadOnlyList<string> args, Func<BenchmarkArguments, int> run, TextWriter output, TextWriter error)
    {
        var root = Create(run, args);
        var parse = root.Parse(args.ToArray());
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors) error.WriteLine(parseError.Message);
            error.WriteLine("See TrisimpleNet.Benchmarks --help, or <subcommand> --help for its options.");
            return 2;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static RootCommand Create(Func<BenchmarkArguments, int> run, IReadOnlyList<string> args)
    {
        var root = new RootCommand("CPU performance measurements of TrisimpleNet; each subcommand writes <subcommand>.json and .md and rebuilds performance.md in the output folder (README.md).");
        foreach (var subcommand in BenchmarkRun.Subcommands.Append("all"))
        {
            var options = Catalogue.Where(entry => subcommand == "all" || entry.Subcommands is null || entry.Subcommands.Contains(subcommand)).ToArray();
            var command = new Command(subcommand, Descriptions.GetValueOrDefault(subcommand, "See README.md."));
            foreach (var entry in options) command.Add(entry.Option);
            command.SetAction(parse => run(new BenchmarkArguments(subcommand, Given(parse, options), "TrisimpleNet.Benchmarks " + string.Join(' ', args))));
            root.Add(command);
        }
        return root;
    }

    // The options on the command line, by name without dashes, as typed (each already checked by the parser).
    private static Dictionary<string, string> Given(ParseResult parse, IEnumerable<(string Name, string[]? Subcommands, Option Option)> options) =>
        options.Select(entry => (entry.Name, Result: parse.GetResult(entry.Option)))
            .Where(given => given.Result is { Implicit: false, Tokens.Count: > 0 })
            .ToDictionary(given => given.Name, given => given.Result!.Tokens[^1].Value, StringComparer.Ordinal);

    private static Option<string> Text(string name, string helpName, string description) =>
        new(name) { HelpName = helpName, Description = description };

    private static Option<string> OneOf(string name, string description, params string[] values)
    {
        var option = new Option<string>(name) { Description = description };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    private static Option<T> Enum<T>(string name, string description) where T : struct, System.Enum =>
        new(name) { HelpName = string.Join('|', System.Enum.GetNames<T>().Select(value => value.ToLowerInvariant())), Description = description };

    private static Option<int> Positive(string name, string description) => Integer(name, description, minimum: 1);

    private static Option<int> NonNegative(string name, string description) => Integer(name, description, minimum: 0);

    private static Option<int> Integer(string name, string description, int minimum)
    {
        var option = new Option<int>(name) { HelpName = "n", Description = description };
        option.Validators.Add(result =>
        {
            // A token that is no integer at all already gets the parser's own error.
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out int value) && value < minimum)
                result.AddError($"{name} must be an integer of at least {minimum}, not {value}.");
        });
        return option;
    }

    private static Option<string> PositiveList(string name, string description)
    {
        var option = new Option<string>(name) { HelpName = "n,n,...", Description = description };
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && !token.Value.Split(',').All(part => int.TryParse(part, CultureInfo.InvariantCulture, out int value) && value > 0))
                result.AddError($"{name} must be a comma list of positive integers, not '{token.Value}'.");
        });
        return option;
    }
}
