using static TorchSharp.torch;

namespace TrisimpleNet.Losses;

/// <summary>The TrisimpleNet term that relates normal, fake-anomalous and fake-normal scores (eq. 3.11).</summary>
public interface ITripletLoss
{
    /// <summary>The loss averaged over positions and batch; the three score tensors have the same shape.</summary>
    Tensor Compute(Tensor normalScores, Tensor fakeAnomalyScores, Tensor fakeNormalScores);
}
