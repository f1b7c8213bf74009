using static TorchSharp.torch;

namespace TrisimpleNet.Losses;

/// <summary>
/// The discriminator's scores one training step hands to the triplet term, one value per position, all of the same
/// shape. With one joint pass (<see cref="Training.DiscriminatorPasses.Joint"/>) <see cref="NormalBesideFakeNormals"/>
/// is the same tensor as <see cref="Normal"/>. With per-pair passes (<see cref="Training.DiscriminatorPasses.PerPair"/>)
/// it holds D(q) from the (q, q') pass, which differs because BatchNorm normalised it together with other rows.
/// </summary>
/// <param name="Normal">D(q), from the pass that also scored the fake anomalies.</param>
/// <param name="FakeAnomalies">D(q-).</param>
/// <param name="NormalBesideFakeNormals">D(q), from the pass that also scored the fake normals.</param>
/// <param name="FakeNormals">D(q').</param>
public sealed record TripletScores(Tensor Normal, Tensor FakeAnomalies, Tensor NormalBesideFakeNormals, Tensor FakeNormals)
{
    /// <summary>The scores of one joint pass, where both pairs share D(q).</summary>
    public static TripletScores FromOnePass(Tensor normal, Tensor fakeAnomalies, Tensor fakeNormals) =>
        new(normal, fakeAnomalies, normal, fakeNormals);
}
