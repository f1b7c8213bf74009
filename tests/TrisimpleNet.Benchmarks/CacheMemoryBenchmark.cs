using TrisimpleNet.Features;
using TrisimpleNet.Imaging;
using static TorchSharp.torch;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Bytes per cached image and the process's peak working set while the builder fills a feature cache of N
/// synthetic images through the real ResNet18 backbone.
/// </summary>
public static class CacheMemoryBenchmark
{
    public sealed record Measurement(
        int Images, int Input, int Width, string CachePrecision, long BytesPerImage, long CacheBytes,
        long WorkingSetBefore, long PeakWorkingSet, bool PeakResetBeforeBuilding, double BuildSeconds);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments)
    {
        int images = arguments.Int("images", 200);
        var options = TinyDetector.Options(arguments.Int("input", 288));
        options.EmbeddingWidth = arguments.Int("width", 1536);
        options.FeatureCachePrecision = arguments.Enum("cache-precision", options.FeatureCachePrecision);
        return () =>
        {
            var m = Measure(options, images);
            const double mebibyte = 1 << 20;
            var markdown = $"{m.Images} synthetic images, input {m.Input}, width {m.Width}, cache {m.CachePrecision}.\n\n"
                + "| bytes per image | cache MiB | working set before MiB | peak working set MiB | peak - before MiB | build s |\n"
                + "| ---: | ---: | ---: | ---: | ---: | ---: |\n"
                + $"| {m.BytesPerImage} | {m.CacheBytes / mebibyte:F0} | {m.WorkingSetBefore / mebibyte:F0} | {m.PeakWorkingSet / mebibyte:F0} | {(m.PeakWorkingSet - m.WorkingSetBefore) / mebibyte:F0} | {m.BuildSeconds:F1} |\n"
                + (m.PeakResetBeforeBuilding ? "" : "\nThe peak could not be reset: it is the peak of the whole process so far.\n");
            return BenchmarkRun.Result(arguments, "cache-memory", m, markdown);
        };
    }

    private static Measurement Measure(TrisimpleNetOptions options, int images)
    {
        var backbone = Backbones.Backbone.ResNet18Onnx(options.Layers);
        using var disposeBackbone = backbone;
        var extractor = new FeatureExtractor(ImagePreprocessor.FromOptions(options), backbone, DefaultParts.Aggregator(options), CPU);
        var sources = SyntheticImages.OnDemand(images, options.Resize);
        GC.Collect();
        bool reset = PeakMemory.TryReset();
        long before = PeakMemory.WorkingSet();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var cache = AnomalyDetectorBuilder.BuildCache(extractor, sources, options, null, CancellationToken.None);
        double seconds = clock.Elapsed.TotalSeconds;
        return new Measurement(images, options.CropSize, cache.Width, options.FeatureCachePrecision.ToString(),
            cache.BytesPerImage, cache.BytesPerImage * cache.ImageCount, before, PeakMemory.Peak(), reset, seconds);
    }
}
