using TrisimpleNet.Imaging;
using static TorchSharp.torch;

namespace TrisimpleNet.Data.Evaluation;

/// <summary>
/// What the <see cref="Evaluator"/> scores: a trained detector or a baseline that turns images into image scores
/// and anomaly maps in batches, with the image geometry its maps share.
/// </summary>
public interface IBatchPredictor
{
    /// <summary>The image geometry, also used to bring ground-truth masks to the maps' resolution.</summary>
    ImagePreprocessor Preprocessor { get; }

    /// <summary>
    /// Scores images in batches and hands each batch's first index, image scores (N, float32, CPU) and maps
    /// (N x H x W, float32, CPU) to <paramref name="onBatch"/>; the tensors are disposed after the call.
    /// </summary>
    void PredictBatches(IReadOnlyList<ImageSource> images, Action<int, Tensor, Tensor> onBatch, CancellationToken cancellationToken = default);
}
