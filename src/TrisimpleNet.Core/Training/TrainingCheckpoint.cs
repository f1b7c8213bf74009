using System.Text.Json;

namespace TrisimpleNet.Training;

/// <summary>
/// A training run as it stood after <see cref="Epoch"/>: the adaptor's and discriminator's weights and buffers, both
/// Adam states and the noise and shuffle generators' states (<see cref="State"/>, written by
/// <see cref="TrainingState"/>), the early-stopping count and the epoch history; and what identifies the run, its
/// options and a SHA-256 of its cached training features, so that resuming another run fails clearly. In an ensemble
/// (<see cref="TrisimpleNetOptions.EnsembleSize"/>) the state is the member being trained, and the members before it
/// are in <see cref="FinishedMembers"/>.
/// </summary>
/// <param name="Options">The options the run was started with.</param>
/// <param name="FeaturesSha256">The cached features' <see cref="FeatureCache.Fingerprint"/>.</param>
/// <param name="Epoch">The last epoch finished, from 1.</param>
/// <param name="EpochsAtTarget">Consecutive epochs, up to <see cref="Epoch"/>, at the early-stopping target.</param>
/// <param name="History">One report per epoch run: the finished members' epochs, then the current member's up to <see cref="Epoch"/>.</param>
/// <param name="State">The networks', optimisers' and generators' state.</param>
internal sealed record TrainingCheckpoint(
    TrisimpleNetOptions Options,
    string FeaturesSha256,
    int Epoch,
    int EpochsAtTarget,
    IReadOnlyList<TrainingProgress> History,
    byte[] State)
{
    // Options that change neither the cached features nor the training steps: a resumed run may differ in them.
    private static readonly HashSet<string> NotAffectingTraining =
    [
        nameof(TrisimpleNetOptions.CheckpointEveryEpochs),
        nameof(TrisimpleNetOptions.CheckpointPath),
        nameof(TrisimpleNetOptions.Threads),
        nameof(TrisimpleNetOptions.InferenceBatchSize),
        nameof(TrisimpleNetOptions.LimitNativeHeapGrowth),
        nameof(TrisimpleNetOptions.ReuseNativeMemory),
        nameof(TrisimpleNetOptions.MaxImagePixels),
        nameof(TrisimpleNetOptions.TargetFalsePositiveRate),
        nameof(TrisimpleNetOptions.FeatureCacheMemoryBudget),
        nameof(TrisimpleNetOptions.FeatureCacheFolder),
    ];

    /// <summary>The trained weights of the ensemble members before the current one (<see cref="MemberWeights"/>); empty outside ensembles.</summary>
    public IReadOnlyList<byte[]> FinishedMembers { get; init; } = [];

    /// <summary>The finished members' epoch reports: <see cref="History"/> without the current member's <see cref="Epoch"/> reports.</summary>
    public IReadOnlyList<TrainingProgress> FinishedHistory => History.Take(History.Count - Epoch).ToList();

    /// <summary>Where the checkpoint was read from, for messages.</summary>
    public string Source { get; init; } = "The checkpoint";

    /// <summary>Throws <see cref="InvalidDataException"/> naming every option that affects training and differs from the checkpoint's.</summary>
    public void ThrowIfOptionsDiffer(TrisimpleNetOptions options)
    {
        var stored = Properties(Options);
        var current = Properties(options);
        var differences = current
            .Where(option => !NotAffectingTraining.Contains(option.Key)
                && (!stored.TryGetValue(option.Key, out var value) || value != option.Value))
            .Select(option => $"{option.Key} (checkpoint {stored.GetValueOrDefault(option.Key, "absent")}, now {option.Value})")
            .ToList();
        if (differences.Count > 0)
            throw new InvalidDataException(
                $"{Source} belongs to a training run with other options: {string.Join(", ", differences)}. Resume with the options it was written with, or train afresh.");
    }

    /// <summary>Throws <see cref="InvalidDataException"/> when the cached training features are not the checkpoint's.</summary>
    public void ThrowIfFeaturesDiffer(string featuresSha256)
    {
        if (!string.Equals(featuresSha256, FeaturesSha256, StringComparison.Ordinal))
            throw new InvalidDataException(
                $"{Source} belongs to a training run on other training features (SHA-256 {FeaturesSha256[..12]}..., now {featuresSha256[..12]}...): "
                + "the training images, their order, the calibration split or the backbone differ. Resume with the images it was written with, or train afresh.");
    }

    private static Dictionary<string, string> Properties(TrisimpleNetOptions options) =>
        JsonSerializer.SerializeToElement(options, CheckpointFile.Json).EnumerateObject()
            .ToDictionary(property => property.Name, property => property.Value.GetRawText());
}
