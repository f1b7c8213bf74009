using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Losses;

/// <summary>
/// The truncated L1 loss of SimpleNet (eq. 3.10): max(0, th+ - D(q)) + max(0, D(q-) - th-), each term averaged
/// over positions and batch. Scores beyond their threshold cost nothing.
/// </summary>
public sealed class TruncatedL1Loss
{
    /// <param name="positiveThreshold">th+: normal scores are pushed above it (0.5).</param>
    /// <param name="negativeThreshold">th-: fake-anomaly scores are pushed below it (-0.5).</param>
    public TruncatedL1Loss(double positiveThreshold = 0.5, double negativeThreshold = -0.5)
    {
        if (!(negativeThreshold < positiveThreshold))
            throw new ArgumentOutOfRangeException(nameof(negativeThreshold), negativeThreshold,
                $"th- must be smaller than th+ ({positiveThreshold}).");
        PositiveThreshold = positiveThreshold;
        NegativeThreshold = negativeThreshold;
    }

    /// <summary>th+.</summary>
    public double PositiveThreshold { get; }

    /// <summary>th-.</summary>
    public double NegativeThreshold { get; }

    /// <summary>The loss for the scores of normal and fake-anomalous features (any shape, same length).</summary>
    public Tensor Compute(Tensor normalScores, Tensor fakeAnomalyScores)
    {
        using Scalar zero = 0, one = 1, positiveThreshold = PositiveThreshold, negativeThreshold = NegativeThreshold;
        using var normalTerm = (positiveThreshold - normalScores).clamp_min(zero).mean();
        using var anomalyTerm = (fakeAnomalyScores - negativeThreshold).clamp_min(zero).mean();
        return normalTerm.add(anomalyTerm, one);
    }
}
