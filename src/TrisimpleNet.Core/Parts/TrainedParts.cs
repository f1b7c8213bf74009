using TrisimpleNet.Adaptors;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Features;
using TrisimpleNet.Imaging;
using TrisimpleNet.Inference;
using TrisimpleNet.Scoring;
using static TorchSharp.torch;

namespace TrisimpleNet.Parts;

/// <summary>
/// The trained, read-only parts of a detector: options, feature extractor, adaptor, discriminator, scorer and the
/// folded scoring head, built once here. Detectors derived from one another (other decisions, another batch size)
/// share one instance; it counts them and disposes the parts when the last one is disposed.
/// </summary>
internal sealed class TrainedParts
{
    private readonly FoldedScoringHead? _foldedHead;
    private int _references = 1;

    public TrainedParts(TrisimpleNetOptions options, FeatureExtractor extractor, IFeatureAdaptor adaptor,
        IDiscriminator discriminator, IScorer scorer, double featureSpread)
    {
        Options = options.Clone();
        Extractor = extractor;
        Adaptor = adaptor;
        Discriminator = discriminator;
        Scorer = scorer;
        FeatureSpread = featureSpread;
        Adaptor.Network.eval();
        Discriminator.Network.eval();
        _foldedHead = FoldedScoringHead.TryFold(adaptor, discriminator);
    }

    /// <summary>The options trained with; a private copy nobody changes.</summary>
    public TrisimpleNetOptions Options { get; }
    public FeatureExtractor Extractor { get; }
    public IFeatureAdaptor Adaptor { get; }
    public IDiscriminator Discriminator { get; }
    public IScorer Scorer { get; }
    public double FeatureSpread { get; }

    /// <summary>What the training images score at each grid position, subtracted from every image's patch scores; null scores as the paper does.</summary>
    public PositionBias? PositionBias { get; private set; }

    /// <summary>Sets <see cref="PositionBias"/>, which these parts then own; only before any detector uses them.</summary>
    public void UsePositionBias(PositionBias bias)
    {
        if (PositionBias is not null || _references != 1) throw new InvalidOperationException("The position bias is set once, before the parts are shared.");
        PositionBias = bias;
    }

    /// <summary>
    /// Anomaly scores -D(q) (eq. 3.14) of aggregated feature rows (M x width): M scores. The built-in adaptor and
    /// discriminator run folded into one affine map (see <see cref="FoldedScoringHead"/>); custom parts run as they are.
    /// </summary>
    public Tensor ScorePatches(Tensor rows)
    {
        if (_foldedHead is not null) return _foldedHead.Score(rows.to(Extractor.Device));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var adapted = Adaptor.Network.forward(rows.to(Extractor.Device));
        return Discriminator.Network.forward(adapted).reshape(-1).neg().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Scores images in batches of <paramref name="batchSize"/>: each batch's first index, image scores (N) and maps
    /// (N x H x W), float32 on the CPU, disposed after <paramref name="onBatch"/> returns.
    /// </summary>
    public void ScoreBatches(IReadOnlyList<ImageSource> images, int batchSize, Action<int, Tensor, Tensor> onBatch,
        CancellationToken cancellationToken)
    {
        int height = Extractor.Preprocessor.Height, width = Extractor.Preprocessor.Width;
        Extractor.ExtractBatches(images, batchSize, (start, features) =>
        {
            using var scope = NewDisposeScope();
            var patchScores = ScorePatches(features.reshape(-1, features.shape[3]))
                .reshape(features.shape[0], features.shape[1], features.shape[2]);
            if (PositionBias is not null) patchScores = PositionBias.SubtractFrom(patchScores);
            var (imageScores, maps) = Scorer.Score(patchScores, height, width);
            onBatch(start, imageScores.cpu(), maps.cpu());
        }, cancellationToken);
    }

    /// <summary>One more detector uses these parts.</summary>
    public TrainedParts AddReference()
    {
        Interlocked.Increment(ref _references);
        return this;
    }

    /// <summary>Frees what these parts built or were given to own (the folded head, the position bias), leaving the parts to whoever made them (training failed after folding).</summary>
    public void DisposeOwnParts()
    {
        _foldedHead?.Dispose();
        PositionBias?.Dispose();
    }

    /// <summary>A detector no longer uses these parts; the last one disposes them.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _references) != 0) return;
        _foldedHead?.Dispose();
        Extractor.DisposeParts();
        Adaptor.Network.Dispose();
        Discriminator.Network.Dispose();
        (Scorer as IDisposable)?.Dispose();
        PositionBias?.Dispose();
    }
}
