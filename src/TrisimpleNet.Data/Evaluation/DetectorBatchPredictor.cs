using TrisimpleNet.Imaging;
using static TorchSharp.torch;

namespace TrisimpleNet.Data.Evaluation;

/// <summary>A trained <see cref="AnomalyDetector"/> seen as an <see cref="IBatchPredictor"/>.</summary>
public sealed class DetectorBatchPredictor(AnomalyDetector detector) : IBatchPredictor
{
    /// <inheritdoc />
    public ImagePreprocessor Preprocessor => detector.Preprocessor;

    /// <inheritdoc />
    public void PredictBatches(IReadOnlyList<ImageSource> images, Action<int, Tensor, Tensor> onBatch, CancellationToken cancellationToken = default) =>
        detector.PredictBatches(images, onBatch, cancellationToken);
}
