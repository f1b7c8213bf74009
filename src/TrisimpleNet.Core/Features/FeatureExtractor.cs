using System.Runtime.InteropServices;
using TorchSharp;
using TrisimpleNet.Backbones;
using TrisimpleNet.Imaging;
using static TorchSharp.torch;

namespace TrisimpleNet.Features;

/// <summary>
/// Images to aggregated features: preprocessing, the frozen backbone and the aggregator, in batches. Decoding and
/// preprocessing of the next batch run on worker threads while the backbone processes the current one.
/// </summary>
public sealed class FeatureExtractor
{
    /// <param name="preprocessor">Image geometry, shared with inference.</param>
    /// <param name="backbone">The frozen backbone.</param>
    /// <param name="aggregator">The aggregation of layer maps.</param>
    /// <param name="device">Where the backbone runs.</param>
    public FeatureExtractor(ImagePreprocessor preprocessor, IBackbone backbone, IFeatureAggregator aggregator, Device device)
    {
        // Before the first convolution: keeps libtorch's NNPACK probe from printing on CPUs NNPACK does not support.
        NnpackSwitch.SwitchOffOnce();
        Preprocessor = preprocessor;
        Backbone = backbone;
        Aggregator = aggregator;
        Device = device;
    }

    /// <summary>
    /// The preprocessing, backbone and aggregator a detector trained with <paramref name="options"/> extracts features
    /// with by default, the backbone moved to the options' device (for evaluation baselines on the same features). The
    /// caller owns both parts and frees them with <see cref="DisposeParts"/>.
    /// </summary>
    public static FeatureExtractor FromOptions(TrisimpleNetOptions options)
    {
        var device = TorchSettings.DeviceOf(options.Device);
        var backbone = DefaultParts.Backbone(options);
        backbone.MoveTo(device);
        return new FeatureExtractor(ImagePreprocessor.FromOptions(options), backbone, DefaultParts.Aggregator(options), device);
    }

    /// <summary>Image geometry.</summary>
    public ImagePreprocessor Preprocessor { get; }

    /// <summary>The frozen backbone.</summary>
    public IBackbone Backbone { get; }

    /// <summary>The aggregator.</summary>
    public IFeatureAggregator Aggregator { get; }

    /// <summary>Where the backbone runs.</summary>
    public Device Device { get; }

    /// <summary>
    /// Disposes the backbone and, when it is disposable, the aggregator (the default one holds its pooling maps'
    /// tensors): for whoever owns both. The extractor must not be used afterwards.
    /// </summary>
    public void DisposeParts()
    {
        Backbone.Dispose();
        (Aggregator as IDisposable)?.Dispose();
    }

    /// <summary>Features of already preprocessed images (N x 3 x H x W in [0, 1]): N x h x w x width, float32.</summary>
    /// <exception cref="ArgumentException">The backbone or the aggregator cannot process images of this size.</exception>
    public Tensor Extract(Tensor rgb)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        try
        {
            var layers = Backbone.Extract(rgb.to(Device));
            return Aggregator.Aggregate(layers).MoveToOuterDisposeScope();
        }
        catch (ExternalException e)
        {
            // libtorch's message ("kernel size can't be greater than actual input size") names no option.
            throw new ArgumentException(
                $"Backbone '{Backbone.Descriptor.Architecture}' could not process images of {rgb.shape[2]}x{rgb.shape[3]} pixels " +
                $"(the input size: {nameof(TrisimpleNetOptions)}.{nameof(TrisimpleNetOptions.CropSize)}, or " +
                $"{nameof(TrisimpleNetOptions.InputHeight)} and {nameof(TrisimpleNetOptions.InputWidth)}): {e.Message}", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="images"/> through the pipeline in batches of <paramref name="batchSize"/>, handing each
    /// batch's features (N x h x w x width, disposed after the call) and its first index to <paramref name="onBatch"/>.
    /// </summary>
    public void ExtractBatches(IReadOnlyList<ImageSource> images, int batchSize, Action<int, Tensor> onBatch,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var starts = Enumerable.Range(0, (images.Count + batchSize - 1) / batchSize).Select(b => b * batchSize).ToArray();
        Task<Tensor>? next = starts.Length > 0 ? Preprocess(images, starts[0], batchSize) : null;
        try
        {
            foreach (int start in starts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var rgb = next!.GetAwaiter().GetResult();
                next = start + batchSize < images.Count ? Preprocess(images, start + batchSize, batchSize) : null;
                using var features = Extract(rgb);
                onBatch(start, features);
            }
        }
        finally
        {
            // Only an exception or a cancellation leaves a prefetched batch behind: free it, and let a failure of
            // that prefetch give way to the exception already leaving the loop.
            if (next is not null)
            {
                try { next.GetAwaiter().GetResult().Dispose(); }
                catch (Exception) { }
            }
        }
    }

    private Task<Tensor> Preprocess(IReadOnlyList<ImageSource> images, int start, int batchSize)
    {
        var batch = images.Skip(start).Take(batchSize).ToArray();
        return Task.Run(() => Preprocessor.ToTensor(batch));
    }
}
