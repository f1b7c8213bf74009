namespace TrisimpleNet.Training;

/// <summary>Which part of training a progress report is about.</summary>
public enum TrainingStage
{
    /// <summary>Running the backbone over the training images to fill the feature cache.</summary>
    ExtractingFeatures,
    /// <summary>An epoch over the cached features finished.</summary>
    Epoch,
}

/// <summary>
/// A progress report: during feature extraction, images done; after each epoch, the loss parts and the shares of
/// scores beyond their thresholds (the training signals early stopping watches).
/// </summary>
public sealed record TrainingProgress
{
    /// <summary>What this report is about.</summary>
    public required TrainingStage Stage { get; init; }
    /// <summary>Images whose features are cached so far (feature extraction).</summary>
    public int ImagesDone { get; init; }
    /// <summary>Training images in all.</summary>
    public int ImageCount { get; init; }
    /// <summary>The epoch just finished, from 1.</summary>
    public int Epoch { get; init; }
    /// <summary>Epochs planned.</summary>
    public int Epochs { get; init; }
    /// <summary>The adaptor-discriminator pair the epoch trained, from 1 (<see cref="TrisimpleNetOptions.EnsembleSize"/>); 1 outside ensembles.</summary>
    public int Member { get; init; } = 1;
    /// <summary>Pairs trained one after the other, each for <see cref="Epochs"/>: the ensemble's size, 1 outside ensembles.</summary>
    public int Members { get; init; } = 1;
    /// <summary>Mean total loss over the epoch's steps.</summary>
    public double Loss { get; init; }
    /// <summary>Mean truncated L1 part.</summary>
    public double TruncatedL1Loss { get; init; }
    /// <summary>Mean triplet part (0 for SimpleNet).</summary>
    public double TripletLoss { get; init; }
    /// <summary>Share of normal scores at or above th+.</summary>
    public double NormalAboveThreshold { get; init; }
    /// <summary>Share of fake-anomaly scores below th-.</summary>
    public double FakeBelowThreshold { get; init; }
    /// <summary>
    /// The discriminator's mean score of the normal features over the epoch (higher is more normal). With thresholds
    /// no score reaches, as the ResNet18 preset's, the loss is these two means' distance from the thresholds, so this
    /// and <see cref="MeanFakeAnomalyScore"/> show its progress better than <see cref="Loss"/> does.
    /// </summary>
    public double MeanNormalScore { get; init; }
    /// <summary>The discriminator's mean score of the fake anomalies over the epoch (lower is better separated).</summary>
    public double MeanFakeAnomalyScore { get; init; }
    /// <summary>
    /// Precision of the adaptor's and discriminator's products in this epoch, with <see cref="ComputePrecision.Auto"/>
    /// resolved to what this CPU runs (float32 or bfloat16).
    /// </summary>
    public ComputePrecision Precision { get; init; }
    /// <summary>Time the epoch (or the extraction so far) took.</summary>
    public TimeSpan Duration { get; init; }
}
