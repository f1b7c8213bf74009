namespace TrisimpleNet.Onnx;

/// <summary>
/// The normalisation of raw scores to (0, 1): the logistic function of (value - threshold) / scale, monotone and
/// exactly 0.5 at the threshold. Compiled into both TrisimpleNet.Core (AnomalyDecisions) and TrisimpleNet.Onnx, so the
/// two normalise alike.
/// </summary>
internal static class ScoreNormalization
{
    public static float Logistic(float value, float threshold, float scale) =>
        (float)(1 / (1 + Math.Exp(-((double)value - threshold) / scale)));
}
