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
    /// <param name="precision">Precision of the matrix product; weights and output stay float32.</param>
    /// <param name="generator">Draws the initial weights; null uses torch's global generator.</param>
    public LinearFeatureAdaptor(int inputWidth, int outputWidth, bool hasBias = true,
        ComputePrecision precision = ComputePrecision.Float32, Generator? generator = null)
        : base("Projection")
    {
        var linear = nn.Linear(inputWidth, outputWidth, hasBias);
        SeededInitialization.Linear(linear, generator);
        layers = nn.Sequential(("0fc", linear));
        Precision = precision;
        RegisterComponents();
    }

    /// <summary>Precision of the matrix product.</summary>
    public ComputePrecision Precision { get; }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Network => this;

    /// <summary>The weight (out x in) of the linear map.</summary>
    internal Tensor Weight => Linear.weight!;

    /// <summary>The bias of the linear map, or null.</summary>
    internal Tensor? Bias => Linear.bias;

    private TorchSharp.Modules.Linear Linear => (TorchSharp.Modules.Linear)layers.children().Single();

    /// <inheritdoc />
    public override Tensor forward(Tensor features) =>
        MixedPrecision.Linear(features, Weight, Bias, MixedPrecision.ScalarTypeOf(Precision));
}
