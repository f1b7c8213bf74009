using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Losses;

/// <summary>
/// eq. 3.11 read with the convention that normal scores are high: max(0, alpha - (D(q) - D(q-))) + |D(q) - D(q')|.
/// The margin term asks the normal score to exceed the fake-anomaly score by alpha; the absolute term pulls the
/// fake normal's score onto the normal one. See docs/method.md for why this reading of the paper was chosen; the
/// other reading and each term alone are options, for the ablations.
/// </summary>
public sealed class TripletLoss : ITripletLoss
{
    /// <param name="margin">alpha (1 in the paper).</param>
    /// <param name="terms">Which terms are summed (both in the paper).</param>
    /// <param name="pullTarget">Whose score the fake normal's score is pulled onto.</param>
    public TripletLoss(double margin = 1.0, TripletTerms terms = TripletTerms.MarginAndPull, PullTarget pullTarget = PullTarget.Normal)
    {
        if (!(margin >= 0) || double.IsInfinity(margin))
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The triplet margin must be a finite number >= 0.");
        if (!Enum.IsDefined(terms)) throw new ArgumentOutOfRangeException(nameof(terms), terms, "Unknown triplet terms.");
        if (!Enum.IsDefined(pullTarget)) throw new ArgumentOutOfRangeException(nameof(pullTarget), pullTarget, "Unknown pull target.");
        Margin = margin;
        Terms = terms;
        PullTarget = pullTarget;
    }

    /// <summary>alpha.</summary>
    public double Margin { get; }

    /// <summary>Which terms are summed.</summary>
    public TripletTerms Terms { get; }

    /// <summary>Whose score the fake normal's score is pulled onto.</summary>
    public PullTarget PullTarget { get; }

    /// <inheritdoc />
    /// <remarks>
    /// The margin uses D(q) of the pass that scored the fake anomalies, the pull (onto normals) D(q) of the pass that
    /// scored the fake normals; with one joint pass both are the same.
    /// </remarks>
    public Tensor Compute(TripletScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        Tensor? loss = null;
        using Scalar zero = 0, one = 1, margin = Margin;
        if (Terms != TripletTerms.PullOnly)
            loss = (margin - (scores.Normal - scores.FakeAnomalies)).clamp_min(zero).mean();
        if (Terms != TripletTerms.MarginOnly)
        {
            var reference = PullTarget == PullTarget.Normal ? scores.NormalBesideFakeNormals : scores.FakeAnomalies;
            var pull = (reference - scores.FakeNormals).abs().mean();
            loss = loss is null ? pull : loss.add(pull, one);
        }
        return loss!;
    }
}
