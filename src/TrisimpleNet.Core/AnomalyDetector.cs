using System.Runtime.CompilerServices;
using SixLabors.ImageSharp;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Backbones;
using TrisimpleNet.Decisions;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Features;
using TrisimpleNet.Imaging;
using TrisimpleNet.Inference;
using TrisimpleNet.Parts;
using TrisimpleNet.Scoring;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>
/// A trained TrisimpleNet detector: scores images (image score and anomaly map at input resolution), and saves to
/// and loads from one file. Preprocessing is part of the detector, identical to training. Build one with
/// <see cref="AnomalyDetectorBuilder"/> or <see cref="Load(string, DetectorLoadOptions?)"/>.
/// A detector is immutable and safe to use from any number of threads; methods that change something
/// (<see cref="WithDecisions"/>, <see cref="Calibrate(IReadOnlyList{ImageSource}, double, CancellationToken)"/>,
/// <see cref="WithInferenceBatchSize"/>) return a new detector sharing the trained
/// parts. Each detector must be disposed; the parts are freed with the last one (docs/thread-safety.md).
/// </summary>
public sealed class AnomalyDetector : IDisposable
{
    private readonly TrainedParts _parts;
    private readonly AnomalyDecisions _decisions;
    private readonly int _inferenceBatchSize;
    private readonly IReadOnlyList<TrainingProgress> _trainingHistory;
    private int _disposed;

    internal AnomalyDetector(TrainedParts parts, AnomalyDecisions decisions, int inferenceBatchSize,
        IReadOnlyList<TrainingProgress> trainingHistory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inferenceBatchSize, 1);
        _parts = parts;
        _decisions = decisions;
        _inferenceBatchSize = inferenceBatchSize;
        _trainingHistory = trainingHistory;
    }

    /// <summary>
    /// A copy of the options the detector was trained with (with its current <see cref="InferenceBatchSize"/>).
    /// Changing the copy changes nothing: the detector keeps its own.
    /// </summary>
    public TrisimpleNetOptions Options
    {
        get
        {
            var copy = Parts.Options.Clone();
            copy.InferenceBatchSize = _inferenceBatchSize;
            return copy;
        }
    }

    /// <summary>Images per backbone forward pass when predicting.</summary>
    public int InferenceBatchSize => Live(_inferenceBatchSize);

    /// <summary>Input height of the detector and height of its maps.</summary>
    public int InputHeight => Parts.Extractor.Preprocessor.Height;

    /// <summary>Input width of the detector and width of its maps.</summary>
    public int InputWidth => Parts.Extractor.Preprocessor.Width;

    /// <summary>The image geometry, also used to bring ground-truth masks to the maps' resolution.</summary>
    public ImagePreprocessor Preprocessor => Parts.Extractor.Preprocessor;

    /// <summary>The backbone's identity.</summary>
    public BackboneDescriptor Backbone => Parts.Extractor.Backbone.Descriptor;

    /// <summary>Mean per-dimension standard deviation of the training features (what relative noise scales with).</summary>
    public double FeatureSpread => Parts.FeatureSpread;

    /// <summary>
    /// The thresholds, score normalisation and defect masks of this detector's predictions: calibrated on held-out
    /// defect-free training images, or by <see cref="Calibrate(IReadOnlyList{ImageSource}, CalibrationRule, CancellationToken)"/>.
    /// </summary>
    public AnomalyDecisions Decisions => Live(_decisions);

    /// <summary>Image scores at or above this are anomalous: <see cref="AnomalyDecisions.ImageThreshold"/>.</summary>
    public float Threshold => Decisions.ImageThreshold;

    /// <summary>One report per training epoch (empty for a loaded detector).</summary>
    public IReadOnlyList<TrainingProgress> TrainingHistory => Live(_trainingHistory);

    internal FeatureExtractor Extractor => Parts.Extractor;
    internal IFeatureAdaptor Adaptor => Parts.Adaptor;
    internal IDiscriminator Discriminator => Parts.Discriminator;
    internal IScorer Scorer => Parts.Scorer;

    /// <summary>What the training images scored at each grid position, subtracted from every image's patch scores; null when <see cref="TrisimpleNetOptions.SubtractPositionBias"/> is off.</summary>
    public PositionBias? PositionBias => Parts.PositionBias;

    private TrainedParts Parts
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return _parts;
        }
    }

    private T Live<T>(T value)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return value;
    }

    /// <summary>A detector with the same trained parts and <paramref name="decisions"/>; this one is unchanged. Dispose both.</summary>
    public AnomalyDetector WithDecisions(AnomalyDecisions decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return new(Parts.AddReference(), decisions, _inferenceBatchSize, _trainingHistory);
    }

    /// <summary>
    /// A detector with the same trained parts whose image and pixel thresholds are calibrated on
    /// <paramref name="normalImages"/> (defect-free, not used in training) for <paramref name="targetFalsePositiveRate"/>;
    /// no retraining, and this one is unchanged. Dispose both.
    /// </summary>
    public AnomalyDetector Calibrate(IReadOnlyList<ImageSource> normalImages, double targetFalsePositiveRate = 0.01,
        CancellationToken cancellationToken = default) =>
        Calibrate(normalImages, CalibrationRule.FalsePositiveRate(targetFalsePositiveRate), cancellationToken);

    /// <summary>
    /// A detector with the same trained parts whose image and pixel thresholds are placed by <paramref name="rule"/>
    /// among the scores of <paramref name="normalImages"/> (defect-free, not used in training), through this
    /// detector's own scorer; no retraining, and this one is unchanged. Dispose both.
    /// </summary>
    public AnomalyDetector Calibrate(IReadOnlyList<ImageSource> normalImages, CalibrationRule rule,
        CancellationToken cancellationToken = default) =>
        WithDecisions(DecisionCalibration.Calibrate(Parts, normalImages, rule, _inferenceBatchSize, onTrainingImages: false, cancellationToken));

    /// <summary>A detector with the same trained parts that predicts <paramref name="batchSize"/> images per forward pass; this one is unchanged. Dispose both.</summary>
    public AnomalyDetector WithInferenceBatchSize(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return new(Parts.AddReference(), _decisions, batchSize, _trainingHistory);
    }

    /// <summary>Scores one image file.</summary>
    public AnomalyPrediction Predict(string imagePath) => Predict([ImageSource.FromFile(imagePath)])[0];

    /// <summary>Scores one image (any pixel format; grayscale is expanded to three channels).</summary>
    public AnomalyPrediction Predict(Image image) => Predict([ImageSource.FromImage("image", image)])[0];

    /// <summary>
    /// Scores encoded image bytes (PNG, JPEG, BMP, TIFF or GIF: an upload, a camera frame), decoded with the same checks
    /// as a file; <paramref name="name"/> names the image in errors.
    /// </summary>
    public AnomalyPrediction Predict(ReadOnlyMemory<byte> encodedImage, string name = "image") =>
        Predict([ImageSource.FromBytes(name, encodedImage)])[0];

    /// <summary>Scores the encoded image in the rest of <paramref name="stream"/> (read whole; the caller keeps the stream).</summary>
    public AnomalyPrediction Predict(Stream stream, string name = "stream") =>
        Predict([ImageSource.FromStream(name, stream)])[0];

    /// <summary>Reads <paramref name="stream"/> asynchronously, then scores it on the thread pool.</summary>
    public async Task<AnomalyPrediction> PredictAsync(Stream stream, string name = "stream", CancellationToken cancellationToken = default)
    {
        var image = await ImageSource.FromStreamAsync(name, stream, cancellationToken).ConfigureAwait(false);
        return (await PredictOnThreadPoolAsync([image], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// Scores images in batches of <see cref="InferenceBatchSize"/> and returns every prediction at once, so every map
    /// is held at the same time (<see cref="InputHeight"/> x <see cref="InputWidth"/> floats each: 1,000 images at
    /// 288 x 288 take 330 MB). For many images use <see cref="PredictEach"/>, which holds one batch at a time.
    /// </summary>
    public IReadOnlyList<AnomalyPrediction> Predict(IReadOnlyList<ImageSource> images, CancellationToken cancellationToken = default)
    {
        var predictions = new AnomalyPrediction[images.Count];
        var decisions = Decisions;
        PredictBatches(images, (start, imageScores, maps) =>
        {
            var scores = imageScores.data<float>().ToArray();
            var mapValues = maps.data<float>().ToArray();
            int pixels = InputHeight * InputWidth;
            for (int i = 0; i < scores.Length; i++)
                predictions[start + i] = new AnomalyPrediction(images[start + i].Name, scores[i],
                    mapValues.AsSpan(i * pixels, pixels).ToArray(), InputHeight, InputWidth, decisions);
        }, cancellationToken);
        return predictions;
    }

    /// <summary>
    /// Scores <paramref name="images"/> lazily as the result is enumerated: takes <see cref="InferenceBatchSize"/> images,
    /// scores them and yields their predictions before taking more, so only the batch being handed out is held (plus
    /// what the caller keeps). <c>PredictEach(ImageSource.FromFolder(path))</c> scores a folder of any size.
    /// </summary>
    public IEnumerable<AnomalyPrediction> PredictEach(IEnumerable<ImageSource> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        return Batched(Live(_inferenceBatchSize));

        IEnumerable<AnomalyPrediction> Batched(int batchSize)
        {
            foreach (var batch in images.Chunk(batchSize))
                foreach (var prediction in Predict(batch, cancellationToken))
                    yield return prediction;
        }
    }

    /// <summary>
    /// Scores images as an asynchronous source delivers them (camera frames, uploads, messages) and yields each
    /// prediction, in input order, once its batch is scored on the thread pool. A batch is scored when it holds
    /// <see cref="InferenceBatchSize"/> images or when the source's next image is not ready yet: a slow camera has each
    /// frame scored on arrival, a fast source gets full batches, and the source keeps producing while a batch is scored.
    /// Batches formed by timing may differ from run to run, and so may the last bit of a score (docs/thread-safety.md).
    /// Cancelling <paramref name="cancellationToken"/> (or the enumerator's token) ends the enumeration with
    /// <see cref="OperationCanceledException"/> and is passed on to the source.
    /// </summary>
    public IAsyncEnumerable<AnomalyPrediction> PredictAsync(IAsyncEnumerable<ImageSource> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        return PredictReadyBatchesAsync(images, Live(_inferenceBatchSize), cancellationToken);
    }

    /// <summary>
    /// Scores the image files of <paramref name="folder"/> (<see cref="ImageSource.FromFolder"/>) in batches of
    /// <see cref="InferenceBatchSize"/> on the thread pool, yielding each batch's predictions before the next batch is
    /// decoded. A missing folder throws <see cref="DirectoryNotFoundException"/> here, before enumeration.
    /// </summary>
    public IAsyncEnumerable<AnomalyPrediction> PredictFolderAsync(string folder, SearchOption searchOption = SearchOption.TopDirectoryOnly,
        CancellationToken cancellationToken = default)
    {
        var images = ImageSource.FromFolder(folder, searchOption);
        return PredictChunksAsync(images.Chunk(Live(_inferenceBatchSize)), cancellationToken);
    }

    private async IAsyncEnumerable<AnomalyPrediction> PredictReadyBatchesAsync(IAsyncEnumerable<ImageSource> images, int batchSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in ReadyBatches.Of(images, batchSize, cancellationToken).ConfigureAwait(false))
            foreach (var prediction in await PredictOnThreadPoolAsync(batch, cancellationToken).ConfigureAwait(false))
                yield return prediction;
    }

    private async IAsyncEnumerable<AnomalyPrediction> PredictChunksAsync(IEnumerable<ImageSource[]> batches,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var batch in batches)
            foreach (var prediction in await PredictOnThreadPoolAsync(batch, cancellationToken).ConfigureAwait(false))
                yield return prediction;
    }

    private Task<IReadOnlyList<AnomalyPrediction>> PredictOnThreadPoolAsync(IReadOnlyList<ImageSource> batch, CancellationToken cancellationToken) =>
        Task.Run(() => Predict(batch, cancellationToken), cancellationToken);

    /// <summary>
    /// Scores images in batches and hands each batch's first index, image scores (N, float32, CPU) and maps
    /// (N x H x W, float32, CPU) to <paramref name="onBatch"/>; the tensors are disposed after the call. For
    /// evaluating large datasets without holding every map.
    /// </summary>
    public void PredictBatches(IReadOnlyList<ImageSource> images, Action<int, Tensor, Tensor> onBatch,
        CancellationToken cancellationToken = default) =>
        Parts.ScoreBatches(images, _inferenceBatchSize, onBatch, cancellationToken);

    /// <summary>
    /// Saves the detector to <paramref name="path"/> atomically (a temporary file, then a rename): a failure leaves
    /// an existing file as it was. Every part must be described by a <see cref="Parts.PartSpec"/> with a registered
    /// factory; otherwise <see cref="NotSupportedException"/> names the part.
    /// </summary>
    public void Save(string path) => DetectorFile.Write(Live(path), this);

    /// <summary>Writes the detector to <paramref name="stream"/> (the format of <see cref="Save(string)"/>).</summary>
    public void Save(Stream stream) => DetectorFile.Write(Live(stream), this);

    /// <summary>
    /// Loads a detector saved by <see cref="Save(string)"/>. The backbone is rebuilt from its descriptor (the packaged
    /// ResNet18, or the state-dict file it was trained with, checked by SHA-256) unless
    /// <see cref="DetectorLoadOptions.BackboneFactory"/> supplies it. Torch threads are set here, once, from
    /// <see cref="DetectorLoadOptions.Threads"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a detector file, is truncated or corrupted (checksum), was
    /// written by a newer format, or holds invalid options; the message names the file.</exception>
    public static AnomalyDetector Load(string path, DetectorLoadOptions? options = null) =>
        DetectorFile.Read(path, options ?? new DetectorLoadOptions());

    /// <summary>Reads a detector written by <see cref="Save(Stream)"/> or <see cref="Save(string)"/> from <paramref name="stream"/>.</summary>
    public static AnomalyDetector Load(Stream stream, DetectorLoadOptions? options = null) =>
        DetectorFile.Read(stream, options ?? new DetectorLoadOptions());

    /// <summary>Loads a detector saved by <see cref="Save(string)"/>, with <paramref name="backboneFactory"/> rebuilding its backbone.</summary>
    public static AnomalyDetector Load(string path, Func<BackboneDescriptor, IBackbone> backboneFactory) =>
        Load(path, new DetectorLoadOptions { BackboneFactory = backboneFactory });

    /// <summary>Anomaly scores -D(q) (eq. 3.14) of aggregated feature rows (M x width): M scores.</summary>
    internal Tensor ScorePatches(Tensor rows) => Parts.ScorePatches(rows);

    /// <summary>
    /// Releases this detector; the trained parts are disposed with the last detector sharing them. Calling it again
    /// does nothing; any other member of a disposed detector throws <see cref="ObjectDisposedException"/>. Do not
    /// dispose a detector while another thread is predicting with it.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _parts.Release();
    }
}
