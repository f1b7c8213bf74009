using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Noise;

/// <summary>
/// i.i.d. Gaussian noise N(0, sigma^2) on every feature value (eq. 3.3 for fake anomalies with sigma; the fake
/// normals of TrisimpleNet use the much smaller sigma').
/// </summary>
public sealed class GaussianNoise : INoiseGenerator
{
    /// <param name="sigma">Standard deviation, >= 0 (0 returns a copy of the features: the sigma' = 0 ablation).</param>
    public GaussianNoise(double sigma)
    {
        if (!(sigma >= 0) || double.IsInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The noise standard deviation must be a finite number >= 0.");
        Sigma = sigma;
    }

    /// <summary>The standard deviation.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public Tensor Perturb(Tensor features, Generator generator)
    {
        using var noise = Draw(features.shape, features.dtype, features.device, generator);
        using Scalar one = 1;
        return features.add(noise, one);
    }

    /// <summary>
    /// The noise <see cref="Perturb"/> adds, alone: the same draw from <paramref name="generator"/>, so a trainer that
    /// adds it after a linear map (W (q + n) = W q + W n) consumes the generator's stream as <see cref="Perturb"/> does.
    /// Large draws are split into blocks drawn on several threads (<see cref="BlockwiseNormal"/>).
    /// </summary>
    internal Tensor Draw(long[] shape, ScalarType type, Device device, Generator generator) =>
        BlockwiseNormal.Draw(shape, type, device, generator, Sigma);
}
