using static TorchSharp.torch;

namespace TrisimpleNet.Losses;

/// <summary>The TrisimpleNet term that relates normal, fake-anomalous and fake-normal scores (eq. 3.11).</summary>
public interface ITripletLoss
{
    /// <summary>
    /// The loss averaged over positions and batch. Relate the fake normals to
    /// <see cref="TripletScores.NormalBesideFakeNormals"/> and the fake anomalies to <see cref="TripletScores.Normal"/>,
    /// so the loss means the same with one discriminator pass or two.
    /// </summary>
    Tensor Compute(TripletScores scores);
}
