using static TorchSharp.torch;

namespace TrisimpleNet.Scoring;

/// <summary>Turns the discriminator's patch scores into image scores and anomaly maps at input resolution.</summary>
public interface IScorer
{
    /// <summary>Scores a batch.</summary>
    /// <param name="patchScores">N x h x w anomaly scores of the feature grid (higher is more anomalous).</param>
    /// <param name="height">Input image height.</param>
    /// <param name="width">Input image width.</param>
    /// <returns>Image scores (N) and anomaly maps (N x height x width).</returns>
    (Tensor ImageScores, Tensor Maps) Score(Tensor patchScores, int height, int width);
}
