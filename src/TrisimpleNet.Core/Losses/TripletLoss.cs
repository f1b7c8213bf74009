using static TorchSharp.torch;

namespace TrisimpleNet.Losses;

/// <summary>
/// eq. 3.11 read with the convention that normal scores are high: max(0, alpha - (D(q) - D(q-))) + |D(q) - D(q')|.
/// The margin term asks the normal score to exceed the fake-anomaly score by alpha; the absolute term pulls the
/// fake normal's score onto the normal one. See docs/method.md for why this reading of the paper was chosen.
/// </summary>
public sealed class TripletLoss : ITripletLoss
{
    /// <param name="margin">alpha (1 in the paper).</param>
    public TripletLoss(double margin = 1.0)
    {
        if (!(margin >= 0) || double.IsInfinity(margin))
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The triplet margin must be a finite number >= 0.");
        Margin = margin;
    }

    /// <summary>alpha.</summary>
    public double Margin { get; }

    /// <inheritdoc />
    public Tensor Compute(Tensor normalScores, Tensor fakeAnomalyScores, Tensor fakeNormalScores)
    {
        using var marginTerm = (Margin - (normalScores - fakeAnomalyScores)).clamp_min(0).mean();
        using var pullTerm = (normalScores - fakeNormalScores).abs().mean();
        return marginTerm + pullTerm;
    }
}
