using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace TrisimpleNet.Scoring;

/// <summary>
/// Separable Gaussian filter over the last two dimensions, equal to scipy.ndimage.gaussian_filter with its defaults
/// (kernel truncated at 4 sigma, radius = (int)(4 sigma + 0.5); 'reflect' borders, which repeat the edge sample:
/// d c b a | a b c d | d c b a).
/// </summary>
public sealed class GaussianSmoothing
{
    private readonly float[] _kernel;

    /// <param name="sigma">Standard deviation in pixels, positive.</param>
    public GaussianSmoothing(double sigma)
    {
        if (!(sigma > 0) || double.IsInfinity(sigma))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The smoothing sigma must be a positive finite number.");
        Sigma = sigma;
        _kernel = Kernel(sigma);
    }

    /// <summary>The standard deviation in pixels.</summary>
    public double Sigma { get; }

    /// <summary>The normalised 1-D kernel, length 2 * radius + 1.</summary>
    public static float[] Kernel(double sigma)
    {
        int radius = (int)(4.0 * sigma + 0.5);
        var weights = new double[2 * radius + 1];
        for (int i = -radius; i <= radius; i++)
            weights[i + radius] = Math.Exp(-0.5 * i * i / (sigma * sigma));
        double sum = weights.Sum();
        return weights.Select(w => (float)(w / sum)).ToArray();
    }

    /// <summary>Smooths <paramref name="maps"/> (N x H x W).</summary>
    public Tensor Apply(Tensor maps)
    {
        using var scope = NewDisposeScope();
        int radius = _kernel.Length / 2;
        long height = maps.shape[1], width = maps.shape[2];
        var kernel = tensor(_kernel, dtype: maps.dtype, device: maps.device);
        var images = maps.unsqueeze(1);
        var rows = images.index_select(2, ReflectIndices(height, radius, maps.device));
        var smoothedRows = conv2d(rows, kernel.reshape(1, 1, -1, 1));
        var columns = smoothedRows.index_select(3, ReflectIndices(width, radius, maps.device));
        var smoothed = conv2d(columns, kernel.reshape(1, 1, 1, -1));
        return smoothed.squeeze(1).MoveToOuterDisposeScope();
    }

    // Indices that extend 0..length-1 by `radius` on each side with scipy's 'reflect' (half-sample symmetric) rule.
    internal static Tensor ReflectIndices(long length, int radius, Device device)
    {
        var indices = new long[length + 2 * radius];
        long period = 2 * length;
        for (long i = 0; i < indices.Length; i++)
        {
            long position = ((i - radius) % period + period) % period;
            indices[i] = position < length ? position : period - 1 - position;
        }
        return tensor(indices, device: device);
    }
}
