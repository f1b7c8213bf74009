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
        var upsampled = interpolate(patchScores.unsqueeze(1), [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        var maps = _smoothing.Apply(upsampled.squeeze(1));
        return (imageScores.MoveToOuterDisposeScope(), maps.MoveToOuterDisposeScope());
    }
}
