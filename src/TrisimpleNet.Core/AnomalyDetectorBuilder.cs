using System.Diagnostics;
using TorchSharp;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Backbones;
using TrisimpleNet.Decisions;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Features;
using TrisimpleNet.Imaging;
using TrisimpleNet.Losses;
using TrisimpleNet.Noise;
using TrisimpleNet.Parts;
using TrisimpleNet.Scoring;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>
/// Composes and trains a detector. Every part (backbone, aggregator, adaptor, noise generators, discriminator,
/// triplet loss, scorer) can be replaced; what is not given is built from <see cref="TrisimpleNetOptions"/>.
/// Without options the builder uses <see cref="TrisimpleNetOptions.ResNet18"/>, which needs nothing but NuGet.
/// </summary>
/// <example>
/// <code>
/// using var detector = new AnomalyDetectorBuilder()
///     .Configure(o => o.TrainingSteps = 480)   // twice the preset's training; o.Epochs caps it
///     .Train(Directory.GetFiles("good"));
/// var prediction = detector.Predict("part.png");
/// </code>
/// </example>
public sealed class AnomalyDetectorBuilder
{
    private TrisimpleNetOptions _options;
    private IBackbone? _backbone;
    private IFeatureAggregator? _aggregator;
    private IFeatureAdaptor? _adaptor;
    private IDiscriminator? _discriminator;
    private INoiseGenerator? _fakeAnomalyNoise;
    private Optional<INoiseGenerator?> _fakeNormalNoise;
    private Optional<ITripletLoss?> _triplet;
    private IScorer? _scorer;
    private string? _checkpointToResume;

    /// <summary>A builder with the offline default, <see cref="TrisimpleNetOptions.ResNet18"/>.</summary>
    public AnomalyDetectorBuilder() : this(TrisimpleNetOptions.ResNet18()) { }

    /// <summary>A builder with <paramref name="options"/> (copied).</summary>
    public AnomalyDetectorBuilder(TrisimpleNetOptions options) => _options = options.Clone();

    /// <summary>Replaces the options (copied).</summary>
    public AnomalyDetectorBuilder WithOptions(TrisimpleNetOptions options)
    {
        _options = options.Clone();
        return this;
    }

    /// <summary>Changes the current options.</summary>
    public AnomalyDetectorBuilder Configure(Action<TrisimpleNetOptions> configure)
    {
        configure(_options);
        return this;
    }

    /// <summary>Uses <paramref name="backbone"/> instead of the one the options name. The trained detector owns and disposes it.</summary>
    public AnomalyDetectorBuilder WithBackbone(IBackbone backbone)
    {
        _backbone = backbone;
        return this;
    }

    /// <summary>Uses <paramref name="aggregator"/> to turn layer maps into features. The trained detector owns it.</summary>
    public AnomalyDetectorBuilder WithFeatureAggregator(IFeatureAggregator aggregator)
    {
        _aggregator = aggregator;
        return this;
    }

    /// <summary>Uses <paramref name="adaptor"/> (its input width must equal the aggregator's output width). The trained detector owns and disposes it.</summary>
    public AnomalyDetectorBuilder WithAdaptor(IFeatureAdaptor adaptor)
    {
        _adaptor = adaptor;
        return this;
    }

    /// <summary>Uses <paramref name="noise"/> to make fake anomalies.</summary>
    public AnomalyDetectorBuilder WithFakeAnomalyNoise(INoiseGenerator noise)
    {
        _fakeAnomalyNoise = noise;
        return this;
    }

    /// <summary>Uses <paramref name="noise"/> to make fake normals; null trains without fake normals (SimpleNet).</summary>
    public AnomalyDetectorBuilder WithFakeNormalNoise(INoiseGenerator? noise)
    {
        _fakeNormalNoise = new(noise);
        return this;
    }

    /// <summary>Uses <paramref name="discriminator"/>. The trained detector owns and disposes it.</summary>
    public AnomalyDetectorBuilder WithDiscriminator(IDiscriminator discriminator)
    {
        _discriminator = discriminator;
        return this;
    }

    /// <summary>Uses <paramref name="loss"/> as the triplet term; null trains with the truncated L1 loss alone.</summary>
    public AnomalyDetectorBuilder WithTripletLoss(ITripletLoss? loss)
    {
        _triplet = new(loss);
        return this;
    }

    /// <summary>Uses <paramref name="scorer"/> to turn patch scores into image scores and maps. The trained detector owns it.</summary>
    public AnomalyDetectorBuilder WithScorer(IScorer scorer)
    {
        _scorer = scorer;
        return this;
    }

    /// <summary>
    /// Continues the training run whose checkpoint is <paramref name="checkpointPath"/> (written by
    /// <see cref="TrisimpleNetOptions.CheckpointEveryEpochs"/>) after its epoch instead of starting afresh. With the same
    /// options, images and parts the detector equals an uninterrupted run's bit for bit. <see cref="Train(IReadOnlyList{ImageSource}, IProgress{TrainingProgress}?, CancellationToken)"/>
    /// then throws <see cref="FileNotFoundException"/> if the file is missing, and <see cref="InvalidDataException"/>
    /// if it is damaged, if an option that affects training differs from the checkpoint's (before any feature is
    /// extracted), or if the training features differ (after they are extracted). docs/reliability.md.
    /// </summary>
    public AnomalyDetectorBuilder ResumeFrom(string checkpointPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointPath);
        _checkpointToResume = checkpointPath;
        return this;
    }

    /// <summary>Trains on the defect-free image files <paramref name="imagePaths"/>.</summary>
    public AnomalyDetector Train(IEnumerable<string> imagePaths, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        Train(imagePaths.Select(ImageSource.FromFile).ToList(), progress, cancellationToken);

    /// <summary>
    /// Trains on defect-free images: extracts and caches their features once, then trains the adaptor and the
    /// discriminator for the configured epochs, then calibrates the decisions on the images held out
    /// (<see cref="TrisimpleNetOptions.CalibrationShare"/>, <see cref="TrisimpleNetOptions.TargetFalsePositiveRate"/>).
    /// A cancellation stops cleanly with <see cref="OperationCanceledException"/>.
    /// The detector owns the parts given to the builder: a part instance can go into one detector only, and a second
    /// training with it throws <see cref="InvalidOperationException"/>. When training fails or is cancelled, the parts
    /// the builder made are disposed and the given ones are left to the caller.
    /// A cache larger than <see cref="TrisimpleNetOptions.FeatureCacheMemoryBudget"/> goes to a file in
    /// <see cref="TrisimpleNetOptions.FeatureCacheFolder"/>, which is gone when training ends, however it ends.
    /// </summary>
    /// <exception cref="IOException">The cache exceeds the budget and the folder has no room for its file (the message names both options and the folder).</exception>
    /// <exception cref="InvalidOperationException"><see cref="TrisimpleNetOptions.EnsembleSize"/> is above 1 and a custom adaptor or discriminator was given: only built-in pairs merge.</exception>
    public AnomalyDetector Train(IReadOnlyList<ImageSource> images, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (images.Count == 0) throw new ArgumentException("Training needs at least one defect-free image.", nameof(images));
        var options = _options.Clone();
        TrisimpleNetOptionsValidator.ThrowIfInvalid(options);
        options = WholeImageSize.Resolve(options, images);
        options.EnsembleSize ??= _adaptor is null && _discriminator is null && options.DiscriminatorLayers == 2
            ? TrisimpleNetOptions.AutomaticEnsembleSize
            : 1;
        if (options.EnsembleSize > 1 && (_adaptor is not null || _discriminator is not null))
            throw new InvalidOperationException(
                $"{nameof(TrisimpleNetOptions)}.{nameof(TrisimpleNetOptions.EnsembleSize)} {options.EnsembleSize} merges built-in adaptors and discriminators, " +
                $"but {(_adaptor is not null ? nameof(WithAdaptor) : nameof(WithDiscriminator))} gave a custom part; set EnsembleSize to 1 to train it.");
        var device = TorchSettings.DeviceOf(options.Device);
        var checkpoint = _checkpointToResume is null ? null : CheckpointFile.Read(_checkpointToResume);
        checkpoint?.ThrowIfOptionsDiffer(options);
        var split = CalibrationSplit.Of(images, options);
        var given = GivenParts();
        PartOwnership.Claim(given);
        var made = new List<IDisposable>();
        TrainedParts? trained = null;
        try
        {
            TorchSettings.SetThreads(options.Threads);
            if (options.ReuseNativeMemory) NativeHeap.ReuseLargeBlocks();
            var backbone = _backbone ?? Made(DefaultParts.Backbone(options), made);
            backbone.MoveTo(device);
            var aggregator = _aggregator ?? DefaultParts.Aggregator(options);
            if (_aggregator is null && aggregator is IDisposable madeAggregator) Made(madeAggregator, made);
            var extractor = new FeatureExtractor(ImagePreprocessor.FromOptions(options), backbone, aggregator, device);
            using var cache = BuildCache(extractor, split.Training, options, progress, cancellationToken);
            double spread = cache.MeasureSpread();

            IFeatureAdaptor adaptor;
            IDiscriminator discriminator;
            IReadOnlyList<TrainingProgress> history;
            if (options.EnsembleSize == 1)
            {
                using var initialization = new Generator((ulong)options.Seed, CPU);
                adaptor = _adaptor ?? Made(DefaultParts.Adaptor(options, cache.Width, initialization), made);
                discriminator = _discriminator ?? Made(DefaultParts.Discriminator(options, cache.Width, initialization), made);
                history = new Trainer(options, TrainingPartsOf(options, adaptor, discriminator, spread), device)
                    .Train(cache, progress, cancellationToken, checkpoint);
            }
            else
                (adaptor, discriminator, history) = TrainEnsemble(options, cache, spread, device, progress, cancellationToken, checkpoint, made);

            trained = new TrainedParts(options, extractor, adaptor, discriminator, _scorer ?? DefaultParts.Scorer(options), spread);
            if (options.SubtractPositionBias) trained.UsePositionBias(PositionBias.Estimate(PatchScoresOf(cache, trained, options.InferenceBatchSize, cancellationToken)));
            var decisions = DecisionCalibration.Calibrate(trained, split.Calibration,
                CalibrationRule.FalsePositiveRate(options.TargetFalsePositiveRate), options.InferenceBatchSize,
                split.CalibrationIsTraining, cancellationToken);
            return new AnomalyDetector(trained, decisions, options.InferenceBatchSize, history);
        }
        catch
        {
            trained?.DisposeOwnParts();
            foreach (var part in made) part.Dispose();
            PartOwnership.Release(given.Select(part => part.Part));
            throw;
        }
    }

    // The training images' patch scores from their cached features, a batch at a time (each disposed when the next is asked for).
    private static IEnumerable<Tensor> PatchScoresOf(FeatureCache cache, TrainedParts trained, int batchSize, CancellationToken cancellationToken)
    {
        for (int start = 0; start < cache.ImageCount; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, cache.ImageCount - start);
            using var scope = NewDisposeScope();
            using var indices = tensor(Enumerable.Range(start, count).Select(index => (long)index).ToArray());
            var rows = cache.Rows(indices).to(ScalarType.Float32);
            yield return trained.ScorePatches(rows).reshape(count, cache.GridHeight, cache.GridWidth);
        }
    }

    private TrainingParts TrainingPartsOf(TrisimpleNetOptions options, IFeatureAdaptor adaptor, IDiscriminator discriminator, double spread) => new(
        adaptor,
        discriminator,
        _fakeAnomalyNoise ?? DefaultParts.FakeAnomalyNoise(options, spread),
        _fakeNormalNoise.HasValue ? _fakeNormalNoise.Value : DefaultParts.FakeNormalNoise(options, spread),
        DefaultParts.TruncatedL1(options),
        _triplet.HasValue ? _triplet.Value : DefaultParts.Triplet(options));

    // EnsembleSize pairs trained one after the other on the same cache, member k with seed Seed + 1000 k (member 0 is
    // the single detector of that seed), then merged into one pair; the history is every member's epochs in turn.
    // A checkpoint holds the finished members' weights and the current member's state: resuming loads the former and
    // continues the latter, so the merged detector equals an uninterrupted run's.
    private (IFeatureAdaptor, IDiscriminator, IReadOnlyList<TrainingProgress>) TrainEnsemble(TrisimpleNetOptions options,
        FeatureCache cache, double spread, Device device, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken,
        TrainingCheckpoint? checkpoint, List<IDisposable> made)
    {
        var members = new List<(LinearFeatureAdaptor Adaptor, MlpDiscriminator Discriminator)>();
        var finished = new List<byte[]>();
        var history = new List<TrainingProgress>(checkpoint?.FinishedHistory ?? []);
        int resumed = checkpoint?.FinishedMembers.Count ?? 0;
        int size = options.EnsembleSize!.Value;
        if (resumed >= size)
            throw new InvalidDataException($"{checkpoint!.Source} holds {resumed} finished ensemble members, more than EnsembleSize {size} allows.");
        string? fingerprint = options.CheckpointEveryEpochs is not null || checkpoint is not null ? cache.Fingerprint() : null;
        try
        {
            for (int k = 0; k < size; k++)
            {
                var member = options.Clone();
                member.Seed = unchecked(options.Seed + 1000 * k);
                using var initialization = new Generator((ulong)member.Seed, CPU);
                var adaptor = DefaultParts.Adaptor(member, cache.Width, initialization);
                MlpDiscriminator discriminator;
                try { discriminator = DefaultParts.Discriminator(member, cache.Width, initialization); }
                catch { adaptor.Dispose(); throw; }
                members.Add((adaptor, discriminator));
                if (k < resumed)
                {
                    MemberWeights.Restore(checkpoint!.FinishedMembers[k], adaptor, discriminator, checkpoint.Source, k);
                    adaptor.Network.to(device).eval();
                    discriminator.Network.to(device).eval();
                }
                else
                {
                    var finishedSoFar = finished.ToArray();
                    var historySoFar = history.ToArray();
                    var trainer = new Trainer(member, TrainingPartsOf(member, adaptor, discriminator, spread), device)
                    {
                        EnsembleMember = (k + 1, size),
                        TrimsHeapWhenDone = k == size - 1,
                        FeaturesFingerprint = fingerprint,
                        CheckpointOfRun = written => written with
                        {
                            Options = options,
                            History = [.. historySoFar, .. written.History],
                            FinishedMembers = finishedSoFar,
                        },
                    };
                    var resumeFrom = k == resumed && checkpoint is not null
                        ? checkpoint with { History = checkpoint.History.Skip(historySoFar.Length).ToList() }
                        : null;
                    history.AddRange(trainer.Train(cache, progress, cancellationToken, resumeFrom));
                }
                finished.Add(k < resumed ? checkpoint!.FinishedMembers[k] : MemberWeights.Capture(adaptor, discriminator));
            }
            var (mergedAdaptor, mergedDiscriminator) = EnsembleMerge.Merge(members);
            Made(mergedAdaptor, made).Network.to(device);
            Made(mergedDiscriminator, made).Network.to(device);
            return (mergedAdaptor, mergedDiscriminator, history);
        }
        finally
        {
            foreach (var (adaptor, discriminator) in members)
            {
                adaptor.Dispose();
                discriminator.Dispose();
            }
        }
    }

    /// <summary>Sees each part the builder makes from the options (tests check that failed training disposes them).</summary>
    internal Action<IDisposable>? PartMade { get; set; }

    private T Made<T>(T part, List<IDisposable> made) where T : IDisposable
    {
        made.Add(part);
        PartMade?.Invoke(part);
        return part;
    }

    // The parts a detector keeps and disposes. Noise generators and the triplet loss are used only while training.
    private List<(object Part, string Method)> GivenParts()
    {
        var given = new List<(object Part, string Method)>();
        if (_backbone is not null) given.Add((_backbone, nameof(WithBackbone)));
        if (_aggregator is not null) given.Add((_aggregator, nameof(WithFeatureAggregator)));
        if (_adaptor is not null) given.Add((_adaptor, nameof(WithAdaptor)));
        if (_discriminator is not null) given.Add((_discriminator, nameof(WithDiscriminator)));
        if (_scorer is not null) given.Add((_scorer, nameof(WithScorer)));
        return given;
    }

    internal static FeatureCache BuildCache(FeatureExtractor extractor, IReadOnlyList<ImageSource> images,
        TrisimpleNetOptions options, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var cacheType = MixedPrecision.ScalarTypeOf(options.FeatureCachePrecision);
        Tensor? features = null;
        FeatureCacheFile? file = null;
        try
        {
            extractor.ExtractBatches(images, options.InferenceBatchSize, (start, batch) =>
            {
                if (features is null)
                    (features, file) = FeatureCacheStorage.Allocate([images.Count, batch.shape[1], batch.shape[2], batch.shape[3]], cacheType, options);
                // The slice is a temporary: in a scope it stays reachable, so no collection can free it mid-copy.
                using (NewDisposeScope())
                    features.narrow(0, start, batch.shape[0]).copy_(batch);
                progress?.Report(new TrainingProgress
                {
                    Stage = TrainingStage.ExtractingFeatures,
                    ImagesDone = start + (int)batch.shape[0],
                    ImageCount = images.Count,
                    Duration = clock.Elapsed,
                });
            }, cancellationToken);
            // The backbone's freed activations would otherwise stay resident through training.
            if (options.LimitNativeHeapGrowth) NativeHeap.Trim();
            return new FeatureCache(features!, file);
        }
        catch
        {
            features?.Dispose();
            file?.Dispose();
            throw;
        }
    }

    private readonly record struct Optional<T>(T Value)
    {
        public bool HasValue { get; } = true;
    }
}
