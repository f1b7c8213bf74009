using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using TorchSharp;
using TrisimpleNet.Data.Baselines;
using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Evaluation;
using TrisimpleNet.Data.Statistics;
using TrisimpleNet.Data.Synthetic;
using TrisimpleNet.Imaging;
using TrisimpleNet.Samples;
using TrisimpleNet.Training;

namespace TrisimpleNet.Benchmark;

/// <summary>
/// Trains and evaluates every (category, mode, seed) and writes results.json and results.md to the output folder.
/// Shows Spectre.Console progress on an interactive console, one line per run otherwise.
/// </summary>
public static class BenchmarkRun
{
    /// <summary>Runs with command-line arguments; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        if (BenchmarkArguments.AsksForHelp(args))
            return BenchmarkArguments.Command.Parse(args.ToArray()).Invoke(new InvocationConfiguration { Output = output });
        try
        {
            var settings = BenchmarkArguments.Parse(args);
            if (settings.WeightsPath is not null && !File.Exists(settings.WeightsPath))
                throw new FileNotFoundException($"--weights file '{settings.WeightsPath}' does not exist.");
            var datasets = LoadDatasets(settings);
            var outputFolder = Directory.CreateDirectory(settings.OutputFolder).FullName;
            // Seed-major, so that an interrupted run still holds every mode side by side for the seeds it finished.
            var plan = (from dataset in datasets from seed in settings.Seeds from mode in settings.Modes select (dataset, mode, seed)).ToList();
            var runs = new List<BenchmarkRunResult>();
            var robustness = new List<RobustnessResult>();
            var pictures = new List<RunPictures>();
            void RunAndWrite(AnomalyDataset dataset, BenchmarkMode mode, int seed, Action<string> onStep)
            {
                RunOne(settings, dataset, mode, seed, onStep, runs, robustness, settings.Pictures && seed == settings.Seeds[0] ? pictures : null, outputFolder);
                BenchmarkResultFiles.Write(runs, robustness, outputFolder, args);
                if (settings.Pictures) BenchmarkReport.Write(Path.Combine(outputFolder, BenchmarkReport.FileName), runs, pictures, args);
            }
            bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
            if (interactive)
                AnsiConsole.Progress().Start(context =>
                {
                    var task = context.AddTask("benchmark", maxValue: plan.Count);
                    foreach (var (dataset, mode, seed) in plan)
                    {
                        task.Description = $"{dataset.Name} {mode} seed {seed}";
                        RunAndWrite(dataset, mode, seed, step => task.Description = $"{dataset.Name} {mode} seed {seed}: {step}");
                        task.Increment(1);
                    }
                });
            else
                foreach (var (dataset, mode, seed) in plan)
                {
                    RunAndWrite(dataset, mode, seed, _ => { });
                    var run = runs[^1];
                    output.WriteLine($"{run.Category} {run.Mode} seed {run.Seed}: image AUROC {run.ImageAuroc:0.000}, input {run.Input}, {EpochsText(run)}, train {run.TrainSeconds:0.0}s, {run.InferenceImagesPerSecond:0.0} images/s");
                }
            output.WriteLine($"{runs.Count} runs written to {Path.Combine(outputFolder, "results.json")} and results.md" +
                             (settings.Pictures ? $"; pictures and {BenchmarkReport.FileName} beside them" : ""));
            return 0;
        }
        catch (Exception error) when (error is IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException
                                          or InvalidOperationException or NotSupportedException)
        {
            output.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    // An ensemble's history has each pair's epochs in turn: "3 pairs x 5 epochs", not "15 epochs".
    private static string EpochsText(BenchmarkRunResult run)
    {
        var perPair = run.History.GroupBy(signals => signals.Member).Select(pair => pair.Count()).ToList();
        if (perPair.Count <= 1) return string.Create(CultureInfo.InvariantCulture, $"{run.EpochsRun} epochs");
        return perPair.Distinct().Count() == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{perPair.Count} pairs x {perPair[0]} epochs")
            : $"{perPair.Count} pairs, {string.Join(" / ", perPair)} epochs";
    }

    // With --synthetic-validation the test set is replaced by held-out training images with painted defects, always
    // split with seed 0 so that every setting of a sweep is judged on the same images.
    private static IReadOnlyList<AnomalyDataset> LoadDatasets(BenchmarkSettings settings) =>
        LoadFullDatasets(settings).Select(dataset => Limit(dataset, settings.TrainLimit, settings.TestLimit))
            .Select(dataset => settings.SyntheticValidationShare is double share ? SyntheticDefectValidation.Split(dataset, share, seed: 0) : dataset)
            .ToList();

    // The first images of each split, in the dataset's own order (no test label is looked at to choose them).
    private static AnomalyDataset Limit(AnomalyDataset dataset, int? trainLimit, int? testLimit) =>
        trainLimit is null && testLimit is null
            ? dataset
            : new AnomalyDataset(dataset.Name, dataset.Train.Take(trainLimit ?? int.MaxValue).ToList(), dataset.Test.Take(testLimit ?? int.MaxValue).ToList());

    private static IReadOnlyList<AnomalyDataset> LoadFullDatasets(BenchmarkSettings settings)
    {
        if (settings.Dataset == "fashion-mnist")
        {
            var folder = settings.DataFolder ?? FashionMnistDataset.DefaultFolder;
            var classes = settings.Categories ?? FashionMnistDataset.ClassNames;
            return classes.Select(name =>
            {
                int index = FashionMnistDataset.ClassNames.ToList().IndexOf(name);
                return index >= 0
                    ? FashionMnistDataset.Load(index, folder)
                    : throw new ArgumentException($"Unknown Fashion-MNIST class '{name}'; expected one of {string.Join(", ", FashionMnistDataset.ClassNames)}.");
            }).ToList();
        }
        var data = settings.DataFolder!;
        if (!Directory.Exists(data))
            throw new DirectoryNotFoundException($"--data folder '{data}' does not exist.");
        if (!Directory.Exists(Path.Combine(data, "train")))
            return MvtecAdDataset.LoadRoot(data, settings.Categories);
        var category = MvtecAdDataset.LoadCategory(data);
        if (settings.Categories is { } requested && !requested.SequenceEqual([category.Name]))
            throw new ArgumentException($"--data '{data}' is the single category '{category.Name}'; --categories asks for {string.Join(",", requested)}.");
        return [category];
    }

    // With --robustness, trains without the held-out calibration images and measures the disturbances after evaluating.
    // With a pictures list, draws the run's pictures after its measures were taken, so they count in none of them.
    private static void RunOne(BenchmarkSettings settings, AnomalyDataset dataset, BenchmarkMode mode, int seed, Action<string> onStep,
        List<BenchmarkRunResult> runs, List<RobustnessResult> robustness, List<RunPictures>? pictures, string outputFolder)
    {
        Action<IBatchPredictor>? measure = null;
        if (settings.RobustnessHoldout is double share)
        {
            (dataset, var calibration) = RobustnessMeasurement.HoldOut(dataset, share);
            var training = dataset;
            measure = predictor => robustness.Add(
                RobustnessMeasurement.Measure(predictor, calibration, training, mode.ToString().ToLowerInvariant(), seed));
        }
        DrawPictures? draw = pictures is null ? null : (predictor, geometry, threshold, pixelThreshold, thresholdSource) =>
        {
            onStep("drawing pictures");
            var folder = OutputFolder.PrepareEmpty(Path.Combine(outputFolder, "pictures", $"{dataset.Name}-{mode.ToString().ToLowerInvariant()}-seed{seed}"));
            var (images, files) = PredictorPictures.Write(predictor, geometry, dataset.Test, threshold, folder, dataset.Name, pixelThreshold: pixelThreshold);
            pictures.Add(new RunPictures(dataset.Name, mode.ToString().ToLowerInvariant(), seed, threshold, thresholdSource, images, files));
        };
        runs.Add(mode == BenchmarkMode.PatchCore
            ? RunPatchCore(settings, dataset, seed, measure, draw)
            : RunDetector(settings, dataset, mode == BenchmarkMode.SimpleNet ? TrainingMethod.SimpleNet : TrainingMethod.TrisimpleNet, seed, onStep, measure, draw));
    }

    private delegate void DrawPictures(IBatchPredictor predictor, MapGeometry geometry, float threshold, float? pixelThreshold, string thresholdSource);

    private static BenchmarkRunResult RunDetector(BenchmarkSettings settings, AnomalyDataset dataset, TrainingMethod method, int seed, Action<string> onEpoch,
        Action<IBatchPredictor>? measure, DrawPictures? draw)
    {
        var options = WholeImageSize.Resolve(settings.DetectorOptions(method, seed), dataset.Train);
        onEpoch($"input {InputText(options)}");
        bool peakIsPerRun = ResetPeakWorkingSet();
        var training = Stopwatch.StartNew();
        double featureSeconds = 0;
        var history = new List<EpochSignals>();
        int epochsPlanned = options.Epochs;
        var progress = new SynchronousProgress<TrainingProgress>(report =>
        {
            if (report.Stage == TrainingStage.ExtractingFeatures)
            {
                if (report.ImagesDone == report.ImageCount) featureSeconds = training.Elapsed.TotalSeconds;
                return;
            }
            epochsPlanned = report.Epochs;
            history.Add(EpochSignals.From(report));
            onEpoch(report.Members == 1
                ? $"epoch {report.Epoch}/{report.Epochs}, loss {report.Loss:0.000}"
                : $"pair {report.Member}/{report.Members}, epoch {report.Epoch}/{report.Epochs}, loss {report.Loss:0.000}");
        });
        using var detector = new AnomalyDetectorBuilder(options).Train(dataset.Train, progress);
        double trainSeconds = training.Elapsed.TotalSeconds;
        var evaluation = Evaluator.Evaluate(detector, dataset);
        measure?.Invoke(new DetectorBatchPredictor(detector));
        var result = Result(dataset, method.ToString(), options, seed, epochsPlanned, history, evaluation, trainSeconds, featureSeconds,
            peakIsPerRun, coresetRatio: null, memoryBankSize: null);
        draw?.Invoke(new DetectorBatchPredictor(detector), MapGeometry.Of(detector), detector.Threshold, detector.Decisions.PixelThreshold,
            "the detector's thresholds, calibrated on held-out normal training images (outlines at its pixel threshold)");
        return result;
    }

    // PatchCore on the features a SimpleNet detector of the same settings would see; its "training" is the memory bank.
    private static BenchmarkRunResult RunPatchCore(BenchmarkSettings settings, AnomalyDataset dataset, int seed, Action<IBatchPredictor>? measure, DrawPictures? draw)
    {
        var options = WholeImageSize.Resolve(settings.DetectorOptions(TrainingMethod.SimpleNet, seed), dataset.Train);
        // The detectors set the same thread count for themselves when they train and predict.
        if (options.Threads is int threads && torch.get_num_threads() != threads) torch.set_num_threads(threads);
        bool peakIsPerRun = ResetPeakWorkingSet();
        var building = Stopwatch.StartNew();
        using var patchCore = PatchCore.Fit(dataset.Train, options, new PatchCoreOptions { CoresetRatio = settings.CoresetRatio, Seed = seed });
        double buildSeconds = building.Elapsed.TotalSeconds;
        var evaluation = Evaluator.Evaluate(patchCore, dataset);
        measure?.Invoke(patchCore);
        var result = Result(dataset, BenchmarkMode.PatchCore.ToString(), options, seed, 0, [], evaluation, buildSeconds, null,
            peakIsPerRun, settings.CoresetRatio, patchCore.Bank.Count);
        draw?.Invoke(patchCore, MapGeometry.Of(options), (float)evaluation.F1MaxThreshold, null,
            "the F1-max threshold on the test labels, for verdicts and outlines (PatchCore has no calibrated threshold)");
        return result;
    }

    private static string InputText(TrisimpleNetOptions options) => options.InputHeight is int height && options.InputWidth is int width
        ? $"{height}x{width}"
        : $"{options.CropSize} of {options.Resize}";

    private static BenchmarkRunResult Result(AnomalyDataset dataset, string mode, TrisimpleNetOptions options, int seed, int epochs,
        IReadOnlyList<EpochSignals> history, CategoryEvaluation evaluation, double trainSeconds, double? featureSeconds,
        bool peakIsPerRun, double? coresetRatio, long? memoryBankSize)
    {
        using var process = Process.GetCurrentProcess();
        bool delongDefined = evaluation.AnomalousCount >= 2 && evaluation.NormalCount >= 2;
        return new BenchmarkRunResult(
            dataset.Name, mode.ToLowerInvariant(), options.Backbone, InputText(options), seed, epochs, history.Count, options.EarlyStoppingPatience,
            evaluation.ImageAuroc,
            delongDefined ? DeLongAuroc.Interval(evaluation.ImageScores.Select(score => (double)score).ToList(), evaluation.ImageLabels) : null,
            evaluation.PixelAuroc, evaluation.Aupro, evaluation.F1Max,
            trainSeconds, featureSeconds, evaluation.InferenceImagesPerSecond,
            peakIsPerRun ? process.PeakWorkingSet64 / (1024.0 * 1024.0) : null, coresetRatio, memoryBankSize, history);
    }

    // Linux resets the process's peak resident size when 5 is written to /proc/self/clear_refs, so each run reports
    // its own peak. Elsewhere the peak would include earlier runs, and is reported as absent (null).
    private static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
