using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace TrisimpleNet.Scoring;

/// <summary>
/// The SimpleNet scorer: image score = max of the patch scores (eq. 3.16, taken before smoothing as the official
/// code does); anomaly map = patch scores upsampled bilinearly to the input size, then Gaussian-smoothed.
/// </summary>
public sealed class MaxScorer : IScorer
{
    private readonly GaussianSmoothing _smoothing;

    /// <param name="smoothingSigma">Sigma in pixels of the map smoothing (4 in the paper).</param>
    public MaxScorer(double smoothingSigma = 4) => _smoothing = new GaussianSmoothing(smoothingSigma);

    /// <summary>The map smoothing.</summary>
    internal GaussianSmoothing Smoothing => _smoothing;

    /// <inheritdoc />
    public (Tensor ImageScores, Tensor Maps) Score(Tensor patchScores, int height, int width)
    {
        using var scope = NewDisposeScope();
        var imageScores = patchScores.flatten(1).amax(1);
        // Bilinear upsampling and the Gaussian filter are both linear and separable, so together they are one small
        // matrix per axis: H x h @ scores @ w x W costs a fraction of filtering the full-size maps.
        var rows = AxisMatrix(patchScores.shape[1], height, patchScores);
        var columns = AxisMatrix(patchScores.shape[2], width, patchScores);
        var maps = rows.matmul(patchScores).matmul(columns.t());
        return (imageScores.MoveToOuterDisposeScope(), maps.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The <paramref name="length"/> x <paramref name="gridLength"/> matrix that upsamples one axis linearly
    /// (align_corners false, as bilinear upsampling of the whole map) and then smooths it with <see cref="Smoothing"/>.
    /// </summary>
    private Tensor AxisMatrix(long gridLength, int length, Tensor like)
    {
        // Row c of the identity is grid position c alone; upsampled and smoothed, it is column c of the matrix.
        var basis = eye(gridLength, dtype: like.dtype, device: like.device).unsqueeze(0);
        var upsampled = interpolate(basis, [length], mode: InterpolationMode.Linear, align_corners: false);
        return _smoothing.Apply(upsampled.squeeze(0).unsqueeze(2)).squeeze(2).t();
    }
}
