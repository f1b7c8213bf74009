using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Time per step of the real <see cref="Trainer"/> (default parts of the ResNet18 preset) over a synthetic feature
/// cache, as steps/s, positions/s and achieved GFLOP/s next to the matmul GFLOP/s of the same shapes.
/// </summary>
/// <remarks>
/// Each repetition trains two epochs and the second is timed: a training run's first step faults in the memory that
/// later steps reuse (the heap is trimmed when training ends), which at width 1536 and batch 8 costs seconds, once per
/// run and not per step. The first epoch's time per step is reported beside it.
/// </remarks>
public static class TrainStepBenchmark
{
    public sealed record Measurement(
        TrainingShape Shape, string Precision, int StepsPerEpoch, double SecondsPerStep, double StepsPerSecond,
        double PositionsPerSecond, double StepGflops, MatmulBenchmark.StepMix Matmul, double ShareOfMatmul,
        double FirstEpochSecondsPerStep, double ExecutedGflops, double ExecutedShareOfMatmul, double[] ExecutedSharePerRun);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments, int repetitions)
    {
        var shape = TrainingShape.FromArguments(arguments);
        var precision = arguments.Enum("precision", ComputePrecision.Float32);
        int steps = arguments.Int("steps", 20);
        return () =>
        {
            var measurement = Measure(shape, precision, steps, repetitions);
            var m = measurement;
            var markdown = "| input | batch | width | hidden | method | passes | precision | ms/step | steps/s | positions/s | step GFLOP/s | matmul GFLOP/s | ratio | executed GFLOP/s | folded matmul GFLOP/s | executed ratio | first epoch ms/step |\n"
                + "| ---: | ---: | ---: | ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + $"| {shape.Input} | {shape.Batch} | {shape.Width} | {shape.Hidden} | {shape.Method} | {shape.Passes} | {m.Precision} | {m.SecondsPerStep * 1e3:F1} | {m.StepsPerSecond:F2} | {m.PositionsPerSecond:F0} | {m.StepGflops:F1} | {m.Matmul.MixGflops:F1} | {m.ShareOfMatmul:F2} | {m.ExecutedGflops:F1} | {m.Matmul.FoldedMixGflops:F1} | {m.ExecutedShareOfMatmul:F2} | {m.FirstEpochSecondsPerStep * 1e3:F1} |\n"
                + $"\nFLOPs per step {shape.StepFlops:E3} = 2 x {shape.Adaptor} + 3 x {shape.Discriminator} (x 2 each), the unfolded step's products; "
                + $"matmul GFLOP/s is the same mix of torch.matmul calls, measured before each timed run (shown: the measurement whose folded mix is the median); ratio = step / matmul, the median of the runs' own. "
                + $"The trainer folds the adaptor into the discriminator (FoldedTrainingPass) and executes {shape.FoldedStepFlops:E3} = 2 x {shape.Discriminator} + 3 x {shape.Composite}; "
                + "executed GFLOP/s counts those, against the folded mix of torch.matmul calls (executed ratio). "
                + "ms/step is the second epoch of each two-epoch run (median over repetitions); the first epoch includes the run's first step.\n"
                + $"\nExecuted ratio of each timed run against the products measured right before it: {string.Join(", ", m.ExecutedSharePerRun.Select(r => r.ToString("F2")))}.\n";
            return BenchmarkRun.Result(arguments, "train-step", measurement, markdown);
        };
    }

    /// <summary>
    /// Median seconds per step of the second epoch of two-epoch training runs of <paramref name="steps"/> steps per
    /// epoch, and the matmul GFLOP/s of the step's shapes in the same precision, measured right before each timed run:
    /// on a shared virtual machine the products' rate drifts by half from one minute to the next, so each run is
    /// compared with its own products and the ratios are the median of the runs'.
    /// </summary>
    public static Measurement Measure(TrainingShape shape, ComputePrecision precision, int steps, int repetitions)
    {
        var mixes = new List<MatmulBenchmark.StepMix>();
        var runs = EpochRuns(shape, precision, shape.Batch * steps, repetitions,
            () => mixes.Add(MatmulBenchmark.Measure(shape, MixedPrecision.ScalarTypeOf(precision), MatmulRepetitionsPerRun)));
        var secondsPerStep = runs.Select(run => run.Second / steps).ToArray();
        var ratios = secondsPerStep.Select((seconds, run) => shape.StepFlops / seconds / 1e9 / mixes[run].MixGflops).ToArray();
        var executedRatios = secondsPerStep.Select((seconds, run) => shape.FoldedStepFlops / seconds / 1e9 / mixes[run].FoldedMixGflops).ToArray();
        double medianStep = Timing.Median(secondsPerStep);
        var matmul = MedianMix(mixes);
        return new Measurement(shape, precision.ToString(), steps, medianStep, 1 / medianStep, shape.Rows / medianStep,
            shape.StepFlops / medianStep / 1e9, matmul, Timing.Median(ratios), Timing.Median([.. runs.Select(run => run.First)]) / steps,
            shape.FoldedStepFlops / medianStep / 1e9, Timing.Median(executedRatios), executedRatios);
    }

    private const int MatmulRepetitionsPerRun = 3;

    private static MatmulBenchmark.StepMix MedianMix(List<MatmulBenchmark.StepMix> mixes) =>
        mixes.OrderBy(mix => mix.FoldedMixGflops).ElementAt(mixes.Count / 2);

    /// <summary>
    /// Median times of the first and the second epoch of two-epoch training runs over a synthetic cache of
    /// <paramref name="images"/> images; the second has no first-step costs.
    /// </summary>
    /// <param name="precision">Precision of the adaptor's and discriminator's products (<see cref="TrisimpleNetOptions.Precision"/>).</param>
    public static (double First, double Second) EpochSeconds(TrainingShape shape, ComputePrecision precision, int images, int repetitions)
    {
        var runs = EpochRuns(shape, precision, images, repetitions, beforeEachTimedRun: null);
        return (Timing.Median([.. runs.Select(run => run.First)]), Timing.Median([.. runs.Select(run => run.Second)]));
    }

    // One warm-up run, then the timed ones; beforeEachTimedRun runs before each timed run.
    private static List<(double First, double Second)> EpochRuns(TrainingShape shape, ComputePrecision precision, int images, int repetitions,
        Action? beforeEachTimedRun)
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.Precision = precision;
        options.Epochs = 2;
        options.EarlyStoppingPatience = null; // both epochs run
        options.BatchSize = shape.Batch;
        options.DiscriminatorHiddenWidth = shape.Hidden;
        options.Method = shape.Method;
        options.DiscriminatorPasses = shape.Passes;
        options.LimitNativeHeapGrowth = BenchmarkRun.NativeHeapLimited;
        options.ReuseNativeMemory = BenchmarkRun.NativeHeapLimited;
        manual_seed(options.Seed);
        using var cache = new FeatureCache(randn([images, shape.Grid, shape.Grid, shape.Width], dtype: MixedPrecision.ScalarTypeOf(options.FeatureCachePrecision)));
        var parts = DefaultParts.ForTraining(options, shape.Width, featureSpread: 1);
        var trainer = new Trainer(options, parts, CPU);
        try
        {
            var runs = new List<(double First, double Second)>();
            for (int run = 0; run < repetitions + 1; run++)
            {
                if (run > 0) beforeEachTimedRun?.Invoke();
                var history = trainer.Train(cache, null, CancellationToken.None);
                if (run == 0) continue; // warm-up
                runs.Add((history[0].Duration.TotalSeconds, history[1].Duration.TotalSeconds));
            }
            return runs;
        }
        finally
        {
            parts.Adaptor.Network.Dispose();
            parts.Discriminator.Network.Dispose();
        }
    }
}
