using static TorchSharp.torch;

namespace TrisimpleNet.Benchmarks;

/// <summary>Runs one subcommand, or all of them, and writes their results to the output folder.</summary>
public static class BenchmarkRun
{
    /// <summary>The subcommands in the order of performance.md.</summary>
    public static readonly string[] Subcommands = ["matmul", "train-step", "noise", "inference", "threads", "growth", "cache-memory", "metric-memory", "prediction-memory", "concurrency-stress"];

    /// <summary>
    /// <see cref="TrisimpleNetOptions.LimitNativeHeapGrowth"/> and <see cref="TrisimpleNetOptions.ReuseNativeMemory"/> of
    /// the detectors and trainers this run builds: <c>--native-heap limited</c> (the library's default: large blocks
    /// kept for reuse, growth trimmed) or <c>default</c> (glibc's own heap handling: neither).
    /// </summary>
    public static bool NativeHeapLimited { get; private set; } = true;

    public static int Main(string[] args) => BenchmarkCommandLine.Invoke(args, Run, Console.Out, Console.Error);

    private static int Run(BenchmarkArguments arguments)
    {
        try
        {
            var output = arguments.Text("output", "benchmark-results");
            int repetitions = arguments.Int("repetitions", 5);
            if (arguments.OptionalInt("threads") is int threads) set_num_threads(threads);
            NativeHeapLimited = arguments.Text("native-heap", "limited") switch
            {
                "limited" => true,
                "default" => false,
                var other => throw new ArgumentException($"--native-heap '{other}' is unknown; expected limited or default."),
            };
            // Also for the subcommands that drive the parts directly rather than through the builder or Load.
            if (NativeHeapLimited) NativeHeap.ReuseLargeBlocks();
            var subcommands = arguments.Subcommand == "all" ? Subcommands : [arguments.Subcommand];
            var runs = subcommands.Select(subcommand => Prepare(subcommand, arguments, repetitions)).ToArray();
            arguments.ThrowIfUnread();
            foreach (var run in runs)
            {
                var result = run();
                ResultFiles.Write(output, result, Subcommands);
                Console.WriteLine(result.Markdown());
            }
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    /// <summary>A result stamped with the command, the machine and the torch thread count.</summary>
    public static BenchmarkResult Result(BenchmarkArguments arguments, string subcommand, object results, string markdown) =>
        new(subcommand, arguments.Command, MachineInfo.Current(), get_num_threads(), DateTimeOffset.Now, results, markdown);

    /// <summary>Reads the subcommand's options now and returns the measurement to run later.</summary>
    private static Func<BenchmarkResult> Prepare(string subcommand, BenchmarkArguments arguments, int repetitions) => subcommand switch
    {
        "matmul" => MatmulBenchmark.Prepare(arguments, repetitions),
        "train-step" => TrainStepBenchmark.Prepare(arguments, repetitions),
        "noise" => NoiseDrawBenchmark.Prepare(arguments, repetitions),
        "inference" => InferenceBenchmark.Prepare(arguments, repetitions),
        "threads" => ThreadsBenchmark.Prepare(arguments, repetitions),
        "growth" => GrowthBenchmark.Prepare(arguments, repetitions),
        "cache-memory" => CacheMemoryBenchmark.Prepare(arguments),
        "metric-memory" => MetricMemoryBenchmark.Prepare(arguments),
        "prediction-memory" => PredictionMemoryBenchmark.Prepare(arguments),
        "concurrency-stress" => ConcurrencyStressBenchmark.Prepare(arguments),
        _ => throw new ArgumentException($"Unknown subcommand '{subcommand}'."),
    };
}
