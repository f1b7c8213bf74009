using TrisimpleNet.Features;
using TrisimpleNet.Imaging;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Bytes per cached image and the process's peak working set while the builder fills a feature cache of N
/// synthetic images through the real ResNet18 backbone, then (with <c>--train-epochs</c>) the peak while the real
/// <see cref="Trainer"/> runs that many epochs over the cache, the peak reset between the two phases. With
/// <c>--cache-budget-mib</c> below the cache's size the cache is a memory-mapped file in <c>--cache-folder</c>.
/// </summary>
public static class CacheMemoryBenchmark
{
    public sealed record Measurement(
        int Images, int Input, int Width, string CachePrecision, long BytesPerImage, long CacheBytes,
        long WorkingSetBefore, long PeakWorkingSet, bool PeakResetBeforeBuilding, double BuildSeconds,
        int TrainEpochs, long? WorkingSetBeforeTraining, long? PeakWorkingSetTraining, bool PeakResetBeforeTraining,
        double? TrainSeconds, long? CacheBudget, bool CacheInFile, double[] EpochSeconds, LinuxMemoryCounters MemoryBeforeBuilding,
        LinuxMemoryCounters MemoryAfterBuilding, LinuxMemoryCounters? MemoryAfterTraining, long PagedOutBytes,
        LinuxMemoryCounters? MemoryBeforeTraining);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments)
    {
        int images = arguments.Int("images", 200);
        var options = TinyDetector.Options(arguments.Int("input", 288));
        options.EmbeddingWidth = arguments.Int("width", 1536);
        options.LayerEmbeddingWidth = options.EmbeddingWidth;
        options.FeatureCachePrecision = arguments.Enum("cache-precision", options.FeatureCachePrecision);
        options.Epochs = arguments.Int("train-epochs", 0);
        if (arguments.OptionalInt("cache-budget-mib") is int budget) options.FeatureCacheMemoryBudget = (long)budget << 20;
        var folder = arguments.Text("cache-folder", "");
        if (folder.Length > 0) options.FeatureCacheFolder = folder;
        bool pageOut = arguments.Text("page-out", "false") == "true";
        return () =>
        {
            var m = Measure(options, images, pageOut);
            const double mebibyte = 1 << 20;
            var markdown = $"{m.Images} synthetic images, input {m.Input}, width {m.Width}, cache {m.CachePrecision}, "
                + $"{(m.CacheInFile ? "in a memory-mapped file" : "in memory")} (budget {(m.CacheBudget is long b ? $"{b / mebibyte:F0} MiB" : "default")}).\n\n"
                + "| phase | bytes per image | cache MiB | working set before MiB | peak working set MiB | peak - before MiB | seconds |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + $"| build cache | {m.BytesPerImage} | {m.CacheBytes / mebibyte:F0} | {m.WorkingSetBefore / mebibyte:F0} | {m.PeakWorkingSet / mebibyte:F0} | {(m.PeakWorkingSet - m.WorkingSetBefore) / mebibyte:F0} | {m.BuildSeconds:F1} |\n"
                + (m.TrainEpochs > 0
                    ? $"| train {m.TrainEpochs} epoch(s), batch {options.BatchSize} | {m.BytesPerImage} | {m.CacheBytes / mebibyte:F0} | {m.WorkingSetBeforeTraining / mebibyte:F0} | {m.PeakWorkingSetTraining / mebibyte:F0} | {(m.PeakWorkingSetTraining - m.WorkingSetBeforeTraining) / mebibyte:F0} | {m.TrainSeconds:F1} |\n"
                    : "")
                + (m.EpochSeconds.Length > 0 ? $"\nEpoch seconds: {string.Join(", ", m.EpochSeconds.Select(e => e.ToString("F1")))}.\n" : "")
                + (m.PagedOutBytes > 0 ? $"\nBefore training, {m.PagedOutBytes / mebibyte:F0} MiB of the mapped cache were paged out (MADV_PAGEOUT): the epoch read it from the disk.\n" : "")
                + $"\nResident anonymous / file-backed MiB, machine available / page cache MiB: before building {Counters(m.MemoryBeforeBuilding)}; "
                + $"after building {Counters(m.MemoryAfterBuilding)}"
                + (m.MemoryBeforeTraining is { } beforeTraining ? $"; when training starts {Counters(beforeTraining)}" : "")
                + (m.MemoryAfterTraining is { } trained ? $"; after training {Counters(trained)}.\n" : ".\n")
                + (m.PeakResetBeforeBuilding && (m.TrainEpochs == 0 || m.PeakResetBeforeTraining)
                    ? ""
                    : "\nThe peak could not be reset: it is the peak of the whole process so far.\n");
            return BenchmarkRun.Result(arguments, "cache-memory", m, markdown);
        };
    }

    private static string Counters(LinuxMemoryCounters c) =>
        $"{c.ResidentAnonymous / (1 << 20)} / {c.ResidentFileBacked / (1 << 20)}, {c.MachineAvailable / (1 << 20)} / {c.MachinePageCache / (1 << 20)}";

    private static Measurement Measure(TrisimpleNetOptions options, int images, bool pageOut)
    {
        var backbone = Backbones.Backbone.ResNet18Onnx(options.Layers);
        using var disposeBackbone = backbone;
        var extractor = new FeatureExtractor(ImagePreprocessor.FromOptions(options), backbone, DefaultParts.Aggregator(options), CPU);
        var sources = SyntheticImages.OnDemand(images, options.Resize);
        GC.Collect();
        bool reset = PeakMemory.TryReset();
        long before = PeakMemory.WorkingSet();
        var countersBefore = LinuxMemoryCounters.Now();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var cache = AnomalyDetectorBuilder.BuildCache(extractor, sources, options, null, CancellationToken.None);
        double seconds = clock.Elapsed.TotalSeconds;
        long peak = PeakMemory.Peak();
        var countersAfterBuilding = LinuxMemoryCounters.Now();
        var training = options.Epochs > 0 ? MeasureTraining(options, cache, pageOut) : default((long Before, long Peak, bool Reset, double Seconds, double[] Epochs, long PagedOut, LinuxMemoryCounters Counters)?);
        return new Measurement(images, options.CropSize, cache.Width, options.FeatureCachePrecision.ToString(),
            cache.BytesPerImage, cache.BytesPerImage * cache.ImageCount, before, peak, reset, seconds,
            options.Epochs, training?.Before, training?.Peak, training?.Reset ?? false, training?.Seconds,
            options.FeatureCacheMemoryBudget, cache.File is not null, training?.Epochs ?? [], countersBefore, countersAfterBuilding,
            training is null ? null : LinuxMemoryCounters.Now(), training?.PagedOut ?? 0, training?.Counters);
    }

    // With pageOut, the mapped cache's pages are dropped after the spread is measured (which reads all of them).
    private static (long Before, long Peak, bool Reset, double Seconds, double[] Epochs, long PagedOut, LinuxMemoryCounters Counters) MeasureTraining(
        TrisimpleNetOptions options, FeatureCache cache, bool pageOut)
    {
        var parts = DefaultParts.ForTraining(options, cache.Width, cache.MeasureSpread());
        try
        {
            long pagedOut = pageOut && cache.File is { } file ? MappedPages.PageOut(file.Path) : 0;
            var counters = LinuxMemoryCounters.Now();
            GC.Collect();
            bool reset = PeakMemory.TryReset();
            long before = PeakMemory.WorkingSet();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var history = new Trainer(options, parts, CPU).Train(cache, null, CancellationToken.None);
            return (before, PeakMemory.Peak(), reset, clock.Elapsed.TotalSeconds, history.Select(epoch => epoch.Duration.TotalSeconds).ToArray(), pagedOut, counters);
        }
        finally
        {
            parts.Adaptor.Network.Dispose();
            parts.Discriminator.Network.Dispose();
        }
    }
}
