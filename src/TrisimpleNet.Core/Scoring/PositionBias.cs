using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Scoring;

/// <summary>
/// What every normal image scores at each position of the feature grid, beyond the grid's mean: subtracted from
/// each image's patch scores, so that a position that scores high in every normal image (the zero-padded border, the
/// edge of an aligned part) is no more suspicious than the rest. Estimated from the training images' patch scores and
/// shrunk toward zero by how much the spread between positions exceeds the noise of a mean of that many images
/// (empirical Bayes), so that a few images of an unaligned texture do not imprint their own noise on every later map.
/// See docs/results.md, study 25. A detector owns its bias (<see cref="AnomalyDetector.PositionBias"/>) and frees it
/// with itself; the grid cannot be changed from outside.
/// </summary>
public sealed class PositionBias
{
    private readonly Tensor _values;

    /// <summary>Wraps a grid of biases (h x w, float32), which the instance then owns: keep it out of any dispose scope.</summary>
    /// <exception cref="ArgumentException">The tensor is not two-dimensional float32.</exception>
    internal PositionBias(Tensor values)
    {
        if (values.dim() != 2 || values.dtype != ScalarType.Float32)
            throw new ArgumentException($"A position bias is a two-dimensional float32 grid; got {values.dtype} of shape [{string.Join(", ", values.shape)}].", nameof(values));
        _values = values;
    }

    /// <summary>The biases, h x w float32, shared by every detector that uses them: never changed or disposed but by this instance.</summary>
    internal Tensor Values => _values;

    /// <summary>A copy of the biases, row by row (<see cref="Height"/> x <see cref="Width"/>).</summary>
    public float[] ToArray() => _values.data<float>().ToArray();

    /// <summary>Grid height.</summary>
    public int Height => (int)_values.shape[0];

    /// <summary>Grid width.</summary>
    public int Width => (int)_values.shape[1];

    /// <summary>
    /// Estimates the bias from the patch scores of n normal images, each N x h x w batch in turn: the per-position
    /// mean m, its variance s^2 over the images, and, with the spread between positions tau^2 = var(m) - mean(s^2) / n,
    /// the bias (m - mean(m)) * tau^2 / (tau^2 + s^2 / n). One image cannot tell its positions' bias from its
    /// content, so its bias is zero.
    /// </summary>
    /// <exception cref="ArgumentException">No batches, or batches of different grids.</exception>
    internal static PositionBias Estimate(IEnumerable<Tensor> patchScoreBatches)
    {
        Tensor? sum = null, squares = null;
        long count = 0;
        using Scalar one = 1, zero = 0;
        try
        {
            foreach (var batch in patchScoreBatches)
            {
                using var scope = NewDisposeScope();
                var scores = batch.to(ScalarType.Float64, CPU);
                if (sum is null)
                {
                    sum = zeros([scores.shape[1], scores.shape[2]], dtype: ScalarType.Float64).DetachFromDisposeScope();
                    squares = zeros([scores.shape[1], scores.shape[2]], dtype: ScalarType.Float64).DetachFromDisposeScope();
                }
                else if (scores.shape[1] != sum.shape[0] || scores.shape[2] != sum.shape[1])
                    throw new ArgumentException($"Patch score batches of one estimate share a grid; got {scores.shape[1]} x {scores.shape[2]} after {sum.shape[0]} x {sum.shape[1]}.", nameof(patchScoreBatches));
                sum.add_(scores.sum(dim: 0), one);
                squares!.add_(scores.mul(scores).sum(dim: 0), one);
                count += scores.shape[0];
            }
            if (sum is null || count == 0)
                throw new ArgumentException("A position bias needs the patch scores of at least one image; got none.", nameof(patchScoreBatches));
            using var estimate = NewDisposeScope();
            if (count == 1) return new PositionBias(zeros_like(sum, dtype: ScalarType.Float32).DetachFromDisposeScope());
            using Scalar images = count;
            var mean = sum.div(images);
            var variance = squares!.div(images).sub_(mean.mul(mean)).clamp_min_(zero);
            var centred = mean.sub(mean.mean());
            var noise = variance.div(images);
            var signal = centred.mul(centred).mean().sub(noise.mean()).clamp_min(zero);
            // 0 / 0 where no position varies and no image differs: no evidence of a bias, so none.
            var weight = signal.div(signal.add(noise, one)).nan_to_num_(0);
            return new PositionBias(centred.mul(weight).to(ScalarType.Float32).DetachFromDisposeScope());
        }
        finally
        {
            sum?.Dispose();
            squares?.Dispose();
        }
    }

    /// <summary>The patch scores (N x h x w) less the bias, as a new tensor.</summary>
    /// <exception cref="ArgumentException">The scores' grid is not the bias's.</exception>
    internal Tensor SubtractFrom(Tensor patchScores)
    {
        if (patchScores.dim() != 3 || patchScores.shape[1] != Height || patchScores.shape[2] != Width)
            throw new ArgumentException($"Patch scores of shape [{string.Join(", ", patchScores.shape)}] do not lie on the bias's {Height} x {Width} grid.", nameof(patchScores));
        return patchScores.sub(_values.to(patchScores.device));
    }

    /// <summary>Frees the grid; only the detector parts that own it call this.</summary>
    internal void Dispose() => _values.Dispose();
}
