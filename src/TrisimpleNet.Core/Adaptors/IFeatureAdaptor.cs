using static TorchSharp.torch;

namespace TrisimpleNet.Adaptors;

/// <summary>A trainable map from backbone features to the target domain (M x width in, M x width out).</summary>
public interface IFeatureAdaptor
{
    /// <summary>The trainable network.</summary>
    nn.Module<Tensor, Tensor> Network { get; }
}
