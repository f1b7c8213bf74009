using TrisimpleNet.Adaptors;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Losses;
using TrisimpleNet.Noise;

namespace TrisimpleNet.Training;

/// <summary>The trainable networks and the objective one training run uses.</summary>
/// <param name="Adaptor">The feature adaptor.</param>
/// <param name="Discriminator">The discriminator.</param>
/// <param name="FakeAnomalyNoise">Makes fake anomalies q- from adapted features.</param>
/// <param name="FakeNormalNoise">Makes fake normals q' (null: SimpleNet, no fake normals).</param>
/// <param name="TruncatedL1">The truncated L1 loss.</param>
/// <param name="Triplet">The triplet term (null: SimpleNet).</param>
public sealed record TrainingParts(
    IFeatureAdaptor Adaptor,
    IDiscriminator Discriminator,
    INoiseGenerator FakeAnomalyNoise,
    INoiseGenerator? FakeNormalNoise,
    TruncatedL1Loss TruncatedL1,
    ITripletLoss? Triplet);
