using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>
/// Weight initialisation drawn from a caller's generator instead of torch's process-wide one, so that a seed gives
/// the same model even while other threads draw random numbers.
/// </summary>
internal static class SeededInitialization
{
    /// <summary>
    /// Xavier-normal weights (and, with a generator, torch's default uniform bias) for <paramref name="linear"/>;
    /// a null generator uses torch.nn.init and the global generator.
    /// </summary>
    public static void Linear(TorchSharp.Modules.Linear linear, Generator? generator)
    {
        if (generator is null)
        {
            nn.init.xavier_normal_(linear.weight);
            return;
        }
        XavierNormal(linear.weight!, generator);
        if (linear.bias is not null) LinearBias(linear.bias, linear.weight!.shape[1], generator);
    }

    /// <summary>Xavier-normal (Glorot) weights, std = sqrt(2 / (fan_in + fan_out)), as torch.nn.init.xavier_normal_.</summary>
    public static void XavierNormal(Tensor weight, Generator generator)
    {
        using var noGrad = no_grad();
        using Scalar std = Math.Sqrt(2.0 / (weight.shape[0] + weight.shape[1]));
        using var values = randn(weight.shape, dtype: weight.dtype, device: weight.device, generator: generator);
        weight.copy_(values.mul_(std));
    }

    /// <summary>Uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)) biases, torch.nn.Linear's default.</summary>
    public static void LinearBias(Tensor bias, long fanIn, Generator generator)
    {
        using var noGrad = no_grad();
        double bound = 1.0 / Math.Sqrt(fanIn);
        using Scalar width = 2 * bound, shift = bound;
        using var values = rand(bias.shape, dtype: bias.dtype, device: bias.device, generator: generator);
        bias.copy_(values.mul_(width).sub_(shift));
    }
}
