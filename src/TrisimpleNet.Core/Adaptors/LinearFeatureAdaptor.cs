using static TorchSharp.torch;

namespace TrisimpleNet.Adaptors;

/// <summary>
/// The feature adaptor of SimpleNet (the official <c>Projection</c> with one layer): a Linear map, with a bias as in
/// the official code or without one as the paper's text says, Xavier-normal initialised.
/// Parameter names (<c>layers.0fc.weight</c>) line up with the official state dict.
/// </summary>
public sealed class LinearFeatureAdaptor : nn.Module<Tensor, Tensor>, IFeatureAdaptor
{
    private readonly nn.Module<Tensor, Tensor> layers;

    /// <param name="inputWidth">Feature width in.</param>
    /// <param name="outputWidth">Feature width out.</param>
    /// <param name="hasBias">Whether the linear map has a bias.</param>
    public LinearFeatureAdaptor(int inputWidth, int outputWidth, bool hasBias = true) : base("Projection")
    {
        var linear = nn.Linear(inputWidth, outputWidth, hasBias);
        nn.init.xavier_normal_(linear.weight);
        layers = nn.Sequential(("0fc", linear));
        RegisterComponents();
    }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Network => this;

    /// <inheritdoc />
    public override Tensor forward(Tensor features) => layers.forward(features);
}
