using SixLabors.ImageSharp;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Backbones;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Features;
using TrisimpleNet.Imaging;
using TrisimpleNet.Inference;
using TrisimpleNet.Scoring;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>
/// A trained TrisimpleNet detector: scores images (image score and anomaly map at input resolution), and saves to
/// and loads from one file. Preprocessing is part of the detector, identical to training. Build one with
/// <see cref="AnomalyDetectorBuilder"/> or <see cref="Load"/>.
/// </summary>
public sealed class AnomalyDetector : IDisposable
{
    internal AnomalyDetector(TrisimpleNetOptions options, FeatureExtractor extractor, IFeatureAdaptor adaptor,
        IDiscriminator discriminator, IScorer scorer, double featureSpread, float threshold,
        IReadOnlyList<TrainingProgress> trainingHistory)
    {
        Options = options;
        Extractor = extractor;
        Adaptor = adaptor;
        Discriminator = discriminator;
        Scorer = scorer;
        FeatureSpread = featureSpread;
        Threshold = threshold;
        TrainingHistory = trainingHistory;
        Adaptor.Network.eval();
        Discriminator.Network.eval();
    }

    /// <summary>The options the detector was trained with. <see cref="TrisimpleNetOptions.InferenceBatchSize"/> and <see cref="TrisimpleNetOptions.Threads"/> may be changed before predicting; other changes have no effect.</summary>
    public TrisimpleNetOptions Options { get; }

    /// <summary>Input height of the detector and height of its maps.</summary>
    public int InputHeight => Extractor.Preprocessor.Height;

    /// <summary>Input width of the detector and width of its maps.</summary>
    public int InputWidth => Extractor.Preprocessor.Width;

    /// <summary>The image geometry, also used to bring ground-truth masks to the maps' resolution.</summary>
    public ImagePreprocessor Preprocessor => Extractor.Preprocessor;

    /// <summary>The backbone's identity.</summary>
    public BackboneDescriptor Backbone => Extractor.Backbone.Descriptor;

    /// <summary>Mean per-dimension standard deviation of the training features (what relative noise scales with).</summary>
    public double FeatureSpread { get; }

    /// <summary>
    /// Image scores above this are anomalous. Set after training to the largest score of a training image; calibrate
    /// it on held-out normal images (for example for a chosen false-positive rate) and assign it here.
    /// </summary>
    public float Threshold { get; set; }

    /// <summary>One report per training epoch (empty for a loaded detector).</summary>
    public IReadOnlyList<TrainingProgress> TrainingHistory { get; }

    private Lazy<FoldedScoringHead?>? _foldedHead;

    internal FeatureExtractor Extractor { get; }
    internal IFeatureAdaptor Adaptor { get; }
    internal IDiscriminator Discriminator { get; }
    internal IScorer Scorer { get; }

    /// <summary>Scores one image file.</summary>
    public AnomalyPrediction Predict(string imagePath) => Predict([ImageSource.FromFile(imagePath)])[0];

    /// <summary>Scores one image (any pixel format; grayscale is expanded to three channels).</summary>
    public AnomalyPrediction Predict(Image image) => Predict([ImageSource.FromImage("image", image)])[0];

    /// <summary>Scores images in batches of <see cref="TrisimpleNetOptions.InferenceBatchSize"/>.</summary>
    public IReadOnlyList<AnomalyPrediction> Predict(IReadOnlyList<ImageSource> images, CancellationToken cancellationToken = default)
    {
        var predictions = new AnomalyPrediction[images.Count];
        PredictBatches(images, (start, imageScores, maps) =>
        {
            var scores = imageScores.data<float>().ToArray();
            var mapValues = maps.data<float>().ToArray();
            int pixels = InputHeight * InputWidth;
            for (int i = 0; i < scores.Length; i++)
                predictions[start + i] = new AnomalyPrediction(images[start + i].Name, scores[i],
                    mapValues.AsSpan(i * pixels, pixels).ToArray(), InputHeight, InputWidth, Threshold);
        }, cancellationToken);
        return predictions;
    }

    /// <summary>
    /// Scores images in batches and hands each batch's first index, image scores (N, float32, CPU) and maps
    /// (N x H x W, float32, CPU) to <paramref name="onBatch"/>; the tensors are disposed after the call. For
    /// evaluating large datasets without holding every map.
    /// </summary>
    public void PredictBatches(IReadOnlyList<ImageSource> images, Action<int, Tensor, Tensor> onBatch,
        CancellationToken cancellationToken = default)
    {
        TorchSettings.Apply(Options);
        Extractor.ExtractBatches(images, Options.InferenceBatchSize, (start, features) =>
        {
            using var scope = NewDisposeScope();
            var patchScores = ScorePatches(features.reshape(-1, features.shape[3]))
                .reshape(features.shape[0], features.shape[1], features.shape[2]);
            var (imageScores, maps) = Scorer.Score(patchScores, InputHeight, InputWidth);
            onBatch(start, imageScores.cpu(), maps.cpu());
        }, cancellationToken);
    }

    /// <summary>Saves the detector to <paramref name="path"/> atomically (a temporary file, then a rename).</summary>
    public void Save(string path) => DetectorFile.Write(path, this);

    /// <summary>
    /// Loads a detector saved by <see cref="Save"/>. The backbone is rebuilt from its descriptor (the packaged
    /// ResNet18, or the state-dict file it was trained with, checked by SHA-256) unless
    /// <paramref name="backboneFactory"/> supplies it.
    /// </summary>
    public static AnomalyDetector Load(string path, Func<BackboneDescriptor, IBackbone>? backboneFactory = null) =>
        DetectorFile.Read(path, backboneFactory ?? TrisimpleNet.Backbones.Backbone.Create);

    /// <summary>
    /// Anomaly scores -D(q) (eq. 3.14) of aggregated feature rows (M x width): M scores. The built-in adaptor and
    /// discriminator run folded into one affine map (see <see cref="FoldedScoringHead"/>); custom parts run as they are.
    /// </summary>
    internal Tensor ScorePatches(Tensor rows)
    {
        _foldedHead ??= new Lazy<FoldedScoringHead?>(() => FoldedScoringHead.TryFold(Adaptor, Discriminator));
        if (_foldedHead.Value is FoldedScoringHead head) return head.Score(rows.to(Extractor.Device));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var adapted = Adaptor.Network.forward(rows.to(Extractor.Device));
        return Discriminator.Network.forward(adapted).reshape(-1).neg().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_foldedHead is { IsValueCreated: true, Value: { } head }) head.Dispose();
        Extractor.Backbone.Dispose();
        Adaptor.Network.Dispose();
        Discriminator.Network.Dispose();
    }
}
