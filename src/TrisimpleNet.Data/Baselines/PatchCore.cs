using TrisimpleNet.Data.Evaluation;
using TrisimpleNet.Features;
using TrisimpleNet.Imaging;
using TrisimpleNet.Scoring;
using static TorchSharp.torch;

namespace TrisimpleNet.Data.Baselines;

/// <summary>
/// The PatchCore baseline (Roth et al., CVPR 2022) on TrisimpleNet's own features, for side-by-side evaluation:
/// a memory bank of every training position's aggregated feature, reduced by the approximate greedy coreset; a
/// patch scores its distance to the nearest bank feature; image score and anomaly map come from the detector's
/// <see cref="MaxScorer"/> (image score = max patch score; map upsampled bilinearly and smoothed). The paper's
/// re-weighting of the image score by the nearest feature's neighbourhood is left out.
/// </summary>
public sealed class PatchCore : IBatchPredictor, IDisposable
{
    private readonly IScorer _scorer;
    private readonly int _batchSize;

    /// <param name="extractor">Images to aggregated features; PatchCore owns its backbone.</param>
    /// <param name="bank">The memory bank; PatchCore owns it.</param>
    /// <param name="scorer">Patch scores to image scores and maps.</param>
    /// <param name="batchSize">Images per feature-extraction batch.</param>
    /// <param name="trainingPositions">How many positions the training images gave before the coreset.</param>
    public PatchCore(FeatureExtractor extractor, MemoryBank bank, IScorer scorer, int batchSize, long trainingPositions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Extractor = extractor;
        Bank = bank;
        _scorer = scorer;
        _batchSize = batchSize;
        TrainingPositions = trainingPositions;
    }

    /// <summary>Images to aggregated features.</summary>
    public FeatureExtractor Extractor { get; }

    /// <summary>The coreset memory bank.</summary>
    public MemoryBank Bank { get; }

    /// <summary>How many positions the training images gave before the coreset.</summary>
    public long TrainingPositions { get; }

    /// <inheritdoc />
    public ImagePreprocessor Preprocessor => Extractor.Preprocessor;

    /// <summary>
    /// Builds the memory bank from defect-free <paramref name="images"/> with the preprocessing, backbone and
    /// aggregation <paramref name="featureOptions"/> give a TrisimpleNet detector (its backbone, layers, input
    /// geometry, aggregation, widths, device, inference batch size and smoothing sigma).
    /// </summary>
    /// <exception cref="ArgumentException">No images, a coreset ratio outside (0, 1], or a state-dict backbone without weights.</exception>
    public static PatchCore Fit(IReadOnlyList<ImageSource> images, TrisimpleNetOptions featureOptions, PatchCoreOptions options,
        CancellationToken cancellationToken = default)
    {
        if (images.Count == 0) throw new ArgumentException("PatchCore needs at least one defect-free image.", nameof(images));
        if (!(options.CoresetRatio > 0 && options.CoresetRatio <= 1))
            throw new ArgumentException($"{nameof(PatchCoreOptions)}.{nameof(PatchCoreOptions.CoresetRatio)} is {options.CoresetRatio}; expected a share in (0, 1].", nameof(options));
        var extractor = FeatureExtractor.FromOptions(WholeImageSize.Resolve(featureOptions, images));
        try
        {
            using var allPositions = TrainingFeatures(extractor, images, featureOptions.InferenceBatchSize, cancellationToken);
            long positions = allPositions.shape[0];
            int count = (int)Math.Max(1, Math.Ceiling(options.CoresetRatio * positions));
            var chosen = count == positions
                ? null
                : GreedyCoreset.Select(allPositions, count, options.ProjectionWidth, options.Seed);
            using var scope = NewDisposeScope();
            var coreset = chosen is null ? allPositions : allPositions.index_select(0, tensor(chosen, device: allPositions.device));
            return new PatchCore(extractor, new MemoryBank(coreset, options.DistanceBlockRows),
                new MaxScorer(featureOptions.SmoothingSigma), featureOptions.InferenceBatchSize, positions);
        }
        catch
        {
            extractor.DisposeParts();
            throw;
        }
    }

    /// <summary>Patch scores of aggregated features (N x h x w x D): N x h x w nearest-neighbour distances.</summary>
    public Tensor ScorePatches(Tensor features) =>
        Bank.NearestDistances(features.reshape(-1, features.shape[3])).reshape(features.shape[0], features.shape[1], features.shape[2]);

    /// <inheritdoc />
    public void PredictBatches(IReadOnlyList<ImageSource> images, Action<int, Tensor, Tensor> onBatch, CancellationToken cancellationToken = default) =>
        Extractor.ExtractBatches(images, _batchSize, (start, features) =>
        {
            using var scope = NewDisposeScope();
            var (imageScores, maps) = _scorer.Score(ScorePatches(features), Preprocessor.Height, Preprocessor.Width);
            onBatch(start, imageScores.cpu(), maps.cpu());
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        Extractor.DisposeParts();
        Bank.Dispose();
    }

    // Every position of every training image, one feature per row (M x D, float32).
    private static Tensor TrainingFeatures(FeatureExtractor extractor, IReadOnlyList<ImageSource> images, int batchSize,
        CancellationToken cancellationToken)
    {
        Tensor? rows = null;
        try
        {
            extractor.ExtractBatches(images, batchSize, (start, batch) =>
            {
                long perImage = batch.shape[1] * batch.shape[2];
                rows ??= empty([images.Count * perImage, batch.shape[3]], dtype: ScalarType.Float32, device: batch.device);
                using (NewDisposeScope())
                    rows.narrow(0, start * perImage, batch.shape[0] * perImage).copy_(batch.reshape(-1, batch.shape[3]));
            }, cancellationToken);
            return rows!;
        }
        catch
        {
            rows?.Dispose();
            throw;
        }
    }
}
