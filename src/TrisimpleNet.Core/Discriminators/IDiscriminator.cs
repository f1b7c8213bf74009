using static TorchSharp.torch;

namespace TrisimpleNet.Discriminators;

/// <summary>Scores each feature: high for normal, low for anomalous (M x width in, M scores out).</summary>
public interface IDiscriminator
{
    /// <summary>The trainable network; its output is M x 1.</summary>
    nn.Module<Tensor, Tensor> Network { get; }
}
