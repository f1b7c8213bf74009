using System.Diagnostics;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Training;

/// <summary>
/// Trains the adaptor and the discriminator over cached features: per step, adapted normal features q, fake
/// anomalies q- and (TrisimpleNet) fake normals q' go through the discriminator together (eq. 3.8-3.9, BatchNorm
/// statistics over all of them), and the loss is the truncated L1 plus the triplet term. Fresh noise every step.
/// Owns no maths: the parts do.
/// </summary>
public sealed class Trainer
{
    private readonly TrisimpleNetOptions _options;
    private readonly TrainingParts _parts;
    private readonly Device _device;
    private readonly FoldedTrainingPass? _folded;

    /// <param name="options">Epochs, batch size, learning rates, seed, early stopping.</param>
    /// <param name="parts">What is trained and how.</param>
    /// <param name="device">Where training runs.</param>
    public Trainer(TrisimpleNetOptions options, TrainingParts parts, Device device)
    {
        _options = options;
        _parts = parts;
        _device = device;
        _folded = FoldedTrainingPass.For(parts, options.DiscriminatorPasses);
    }

    /// <summary>
    /// Turns each checkpoint this trainer writes into the whole run's: within an ensemble, the run's options, the
    /// members trained before this one and their epochs (the builder sets it).
    /// </summary>
    internal Func<TrainingCheckpoint, TrainingCheckpoint> CheckpointOfRun { get; init; } = checkpoint => checkpoint;

    /// <summary>
    /// The cache's <see cref="FeatureCache.Fingerprint"/> when the caller has it already: an ensemble's pairs share one
    /// cache, and hashing it once per pair would read it all again each time (the builder sets it).
    /// </summary>
    internal string? FeaturesFingerprint { get; init; }

    /// <summary>Which ensemble member this trainer trains, for the epoch reports (the builder sets it).</summary>
    internal (int Number, int Of) EnsembleMember { get; init; } = (1, 1);

    /// <summary>
    /// Whether training ends by trimming the heap (with <see cref="TrisimpleNetOptions.LimitNativeHeapGrowth"/>): an
    /// ensemble's pairs but the last keep the freed blocks, which the next pair's steps reuse at once (the builder sets it).
    /// </summary>
    internal bool TrimsHeapWhenDone { get; init; } = true;

    /// <summary>
    /// Trains on <paramref name="cache"/>; returns one report per epoch run. With
    /// <see cref="TrisimpleNetOptions.CheckpointEveryEpochs"/>, writes a checkpoint after every that many epochs (before
    /// the epoch's progress report). A cancellation is seen before every step.
    /// </summary>
    public IReadOnlyList<TrainingProgress> Train(FeatureCache cache, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        Train(cache, progress, cancellationToken, resumeFrom: null);

    /// <summary>As <see cref="Train(FeatureCache, IProgress{TrainingProgress}?, CancellationToken)"/>, continuing the run of <paramref name="resumeFrom"/> after its epoch, bit for bit.</summary>
    internal IReadOnlyList<TrainingProgress> Train(FeatureCache cache, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken,
        TrainingCheckpoint? resumeFrom)
    {
        var adaptor = _parts.Adaptor.Network;
        var discriminator = _parts.Discriminator.Network;
        adaptor.to(_device);
        discriminator.to(_device);
        adaptor.train();
        discriminator.train();
        using var adaptorOptimizer = new HeldScalarAdam(adaptor.parameters(), _options.AdaptorLearningRate, _options.WeightDecay);
        using var discriminatorOptimizer = new HeldScalarAdam(discriminator.parameters(), _options.DiscriminatorLearningRate, _options.WeightDecay);
        using var generator = new Generator(NoiseSeed(_options.Seed), _device);
        using var shuffleGenerator = new Generator((ulong)_options.Seed + 1, CPU);
        long stepsPerEpoch = (cache.ImageCount + _options.BatchSize - 1) / _options.BatchSize;
        int epochs = EpochCount(_options, stepsPerEpoch);
        using var weightAverage = _options.WeightAveragingEpochs is double averagingEpochs
            ? new WeightAverage([adaptor, discriminator], WeightAverage.DecayFor(averagingEpochs, stepsPerEpoch))
            : null;
        var state = new TrainingState(adaptor, discriminator, adaptorOptimizer, discriminatorOptimizer, generator, shuffleGenerator, weightAverage);
        string? features = _options.CheckpointEveryEpochs is not null || resumeFrom is not null
            ? FeaturesFingerprint ?? cache.Fingerprint()
            : null;

        var history = new List<TrainingProgress>();
        int epochsAtTarget = 0;
        int firstEpoch = 1;
        if (resumeFrom is not null)
        {
            resumeFrom.ThrowIfFeaturesDiffer(features!);
            state.Restore(resumeFrom.State, resumeFrom.Source);
            history.AddRange(resumeFrom.History);
            epochsAtTarget = resumeFrom.EpochsAtTarget;
            firstEpoch = resumeFrom.Epoch + 1;
        }
        if (_options.ReuseNativeMemory) NativeHeap.ReuseLargeBlocks();
        var heapLimit = _options.LimitNativeHeapGrowth ? ResidentGrowthLimit.ForThisProcess() : null;
        for (int epoch = firstEpoch; epoch <= epochs && !StopsEarly(epochsAtTarget); epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var totals = new EpochTotals();
            bool hardens = _options.FakeAnomalyAscentSteps > 0 && epoch >= _options.FakeAnomalyAscentFromEpoch;
            using (var order = randperm(cache.ImageCount, generator: shuffleGenerator))
            {
                for (int start = 0; start < cache.ImageCount; start += _options.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using (NewDisposeScope())
                    {
                        var indices = order.narrow(0, start, Math.Min(_options.BatchSize, cache.ImageCount - start));
                        var normal = cache.Rows(indices).to(_device);
                        var step = Step(normal, generator, hardens);
                        adaptorOptimizer.zero_grad();
                        discriminatorOptimizer.zero_grad();
                        step.Loss.backward();
                        adaptorOptimizer.step();
                        discriminatorOptimizer.step();
                        weightAverage?.Update();
                        totals.Add(step);
                    }
                    // After the step's tensors are freed.
                    heapLimit?.AfterStep();
                }
            }
            var report = totals.Report(epoch, epochs, AutoPrecision.Resolve(_options.Precision), clock.Elapsed)
                with { Member = EnsembleMember.Number, Members = EnsembleMember.Of };
            history.Add(report);
            double share = _options.EarlyStoppingShare;
            epochsAtTarget = report.NormalAboveThreshold >= share && report.FakeBelowThreshold >= share ? epochsAtTarget + 1 : 0;
            if (_options.CheckpointEveryEpochs is int every && epoch % every == 0)
                CheckpointFile.Write(_options.CheckpointPath!,
                    CheckpointOfRun(new TrainingCheckpoint(_options, features!, epoch, epochsAtTarget, [.. history], state.Capture())));
            progress?.Report(report);
        }
        // The training signals above are the last weights'; the detector keeps the average.
        weightAverage?.CopyIntoModules();
        adaptor.eval();
        discriminator.eval();
        // Returns the steps' freed blocks, kept in the heap for reuse while training.
        if (_options.LimitNativeHeapGrowth && TrimsHeapWhenDone) NativeHeap.Trim();
        return history;
    }

    /// <summary>
    /// The epochs planned: <see cref="TrisimpleNetOptions.Epochs"/>, or with <see cref="TrisimpleNetOptions.TrainingSteps"/>
    /// the whole number of epochs nearest to that many steps, between 1 and <see cref="TrisimpleNetOptions.Epochs"/>.
    /// </summary>
    internal static int EpochCount(TrisimpleNetOptions options, long stepsPerEpoch)
    {
        if (options.TrainingSteps is not int steps) return options.Epochs;
        long nearest = (long)Math.Round(steps / (double)stepsPerEpoch, MidpointRounding.AwayFromZero);
        return (int)Math.Clamp(nearest, 1, options.Epochs);
    }

    private bool StopsEarly(int epochsAtTarget) => _options.EarlyStoppingPatience is int patience && epochsAtTarget >= patience;

    /// <summary>
    /// The noise generator's seed, derived from <paramref name="seed"/>: the builder draws the initial weights from a
    /// generator seeded with <paramref name="seed"/> itself, and the same seed would make the first noise repeat the
    /// weights' random stream. Multiplying by an odd 64-bit constant (the golden ratio's, as in splitmix64) maps seeds
    /// one-to-one onto values far from the small integers used for initialisation (seed) and shuffling (seed + 1).
    /// </summary>
    internal static ulong NoiseSeed(int seed) => unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + 0xD1B54A32D192ED03UL);

    private StepResult Step(Tensor normal, Generator generator, bool hardens)
    {
        var scores = _folded is { } folded && !hardens ? folded.Score(normal, generator) : Score(normal, generator, hardens);
        var normalScores = scores[0];
        var fakeAnomalyScores = scores[1];
        var truncatedL1 = _parts.TruncatedL1.Compute(normalScores, fakeAnomalyScores);
        var triplet = (scores.shape[0], _parts.Triplet) switch
        {
            (3, { } term) => term.Compute(TripletScores.FromOnePass(normalScores, fakeAnomalyScores, scores[2])),
            (4, { } term) => term.Compute(new TripletScores(normalScores, fakeAnomalyScores, scores[2], scores[3])),
            _ => zeros_like(truncatedL1),
        };
        using Scalar one = 1;
        var loss = truncatedL1.add(triplet, one);
        using var noGrad = no_grad();
        using Scalar positiveThreshold = _parts.TruncatedL1.PositiveThreshold, negativeThreshold = _parts.TruncatedL1.NegativeThreshold;
        return new StepResult(
            loss,
            truncatedL1.item<float>(),
            triplet.item<float>(),
            (normalScores >= positiveThreshold).sum().item<long>(),
            (fakeAnomalyScores < negativeThreshold).sum().item<long>(),
            normalScores.shape[0],
            normalScores.sum().item<float>(),
            fakeAnomalyScores.sum().item<float>());
    }

    // The unfolded pass, for custom parts and for the ascent, which needs q- itself (FoldedTrainingPass otherwise).
    // Rows: normal, fake anomalies, then (TrisimpleNet) fake normals; with per-pair passes, normal and fake anomalies
    // of the first pass, then normal and fake normals of the second. The built-in discriminator takes the fake normals
    // as float32 offsets from the normals, which a bfloat16 product of q' itself would round away.
    private Tensor Score(Tensor normal, Generator generator, bool hardens)
    {
        var adapted = _parts.Adaptor.Network.forward(normal);
        var fakeAnomalies = _parts.FakeAnomalyNoise.Perturb(adapted, generator);
        if (hardens)
            fakeAnomalies = GradientAscentSynthesis.Harden(adapted, fakeAnomalies, _parts.Discriminator.Network, _options.FakeAnomalyAscentSteps);
        var discriminator = _parts.Discriminator;
        if (_parts.FakeNormalNoise is not { } fakeNormalNoise)
            return discriminator.Network.forward(cat([adapted, fakeAnomalies], 0)).reshape(2, -1);
        var fakeNormals = fakeNormalNoise.Perturb(adapted, generator);
        if (_options.DiscriminatorPasses == DiscriminatorPasses.PerPair)
        {
            var pairScores = discriminator is MlpDiscriminator pairMlp
                ? pairMlp.ForwardPairs(adapted, fakeAnomalies, fakeNormals - adapted)
                : cat([discriminator.Network.forward(cat([adapted, fakeAnomalies], 0)), discriminator.Network.forward(cat([adapted, fakeNormals], 0))], 0);
            return pairScores.reshape(4, -1);
        }
        var scores = discriminator is MlpDiscriminator mlp
            ? mlp.ForwardWithOffsetCopies([adapted, fakeAnomalies], fakeNormals - adapted)
            : discriminator.Network.forward(cat([adapted, fakeAnomalies, fakeNormals], 0));
        return scores.reshape(3, -1);
    }

    private sealed record StepResult(Tensor Loss, double TruncatedL1, double Triplet, long NormalAbove, long FakeBelow, long Positions,
        double NormalScoreSum, double FakeAnomalyScoreSum);

    private sealed class EpochTotals
    {
        private double _truncatedL1, _triplet, _normalScores, _fakeAnomalyScores;
        private long _normalAbove, _fakeBelow, _positions;
        private int _steps;

        public void Add(StepResult step)
        {
            _truncatedL1 += step.TruncatedL1;
            _triplet += step.Triplet;
            _normalAbove += step.NormalAbove;
            _fakeBelow += step.FakeBelow;
            _positions += step.Positions;
            _normalScores += step.NormalScoreSum;
            _fakeAnomalyScores += step.FakeAnomalyScoreSum;
            _steps++;
        }

        public TrainingProgress Report(int epoch, int epochs, ComputePrecision precision, TimeSpan duration) => new()
        {
            Stage = TrainingStage.Epoch,
            Epoch = epoch,
            Epochs = epochs,
            Loss = (_truncatedL1 + _triplet) / _steps,
            TruncatedL1Loss = _truncatedL1 / _steps,
            TripletLoss = _triplet / _steps,
            NormalAboveThreshold = (double)_normalAbove / _positions,
            FakeBelowThreshold = (double)_fakeBelow / _positions,
            MeanNormalScore = _normalScores / _positions,
            MeanFakeAnomalyScore = _fakeAnomalyScores / _positions,
            Precision = precision,
            Duration = duration,
        };
    }
}
