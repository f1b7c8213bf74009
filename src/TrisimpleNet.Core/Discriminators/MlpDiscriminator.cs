using static TorchSharp.torch;

namespace TrisimpleNet.Discriminators;

/// <summary>
/// The SimpleNet discriminator: (Linear - BatchNorm1d - LeakyReLU) blocks then a bias-free Linear to one score,
/// Xavier-normal initialised. With two layers and hidden width 1024 this is the paper's Linear(1536, 1024),
/// BatchNorm1d, LeakyReLU(0.2), Linear(1024, 1). Names (<c>body.block1.0.weight</c>, <c>tail.weight</c>) line up
/// with the official state dict.
/// </summary>
public sealed class MlpDiscriminator : nn.Module<Tensor, Tensor>, IDiscriminator
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly nn.Module<Tensor, Tensor> tail;

    /// <param name="inputWidth">Feature width.</param>
    /// <param name="hiddenWidth">Width of each hidden block.</param>
    /// <param name="layers">Number of linear layers, at least 1 (the last one gives the score).</param>
    /// <param name="negativeSlope">LeakyReLU slope.</param>
    public MlpDiscriminator(int inputWidth, int hiddenWidth = 1024, int layers = 2, double negativeSlope = 0.2)
        : base("Discriminator")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = inputWidth;
        for (int i = 0; i < layers - 1; i++)
        {
            var linear = nn.Linear(width, hiddenWidth);
            nn.init.xavier_normal_(linear.weight);
            blocks.Add(($"block{i + 1}", nn.Sequential(linear, nn.BatchNorm1d(hiddenWidth), nn.LeakyReLU(negativeSlope))));
            width = hiddenWidth;
        }
        body = nn.Sequential(blocks);
        var scoreLayer = nn.Linear(width, 1, hasBias: false);
        nn.init.xavier_normal_(scoreLayer.weight);
        tail = scoreLayer;
        RegisterComponents();
    }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Network => this;

    /// <inheritdoc />
    public override Tensor forward(Tensor features) => tail.forward(body.forward(features));
}
