using static TorchSharp.torch;

namespace TrisimpleNet.Noise;

/// <summary>Perturbs features to synthesise training samples (fake anomalies or fake normals).</summary>
public interface INoiseGenerator
{
    /// <summary>Returns <paramref name="features"/> plus fresh noise drawn from <paramref name="generator"/>.</summary>
    Tensor Perturb(Tensor features, Generator generator);
}
