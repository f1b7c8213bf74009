namespace TrisimpleNet.Onnx;

/// <summary>The result for one image: its anomaly score, its anomaly map at the model's input resolution, and the decision.</summary>
public sealed class OnnxPrediction
{
    /// <param name="name">The image's name (file path or caller-chosen).</param>
    /// <param name="score">Image anomaly score: the largest patch score.</param>
    /// <param name="map">Anomaly map, row-major, <paramref name="height"/> x <paramref name="width"/>.</param>
    /// <param name="height">Map height (the model's input height).</param>
    /// <param name="width">Map width (the model's input width).</param>
    /// <param name="threshold">The exported image threshold.</param>
    /// <param name="pixelThreshold">The exported pixel threshold.</param>
    /// <param name="imageScale">Image-score units per logistic unit of <see cref="NormalizedScore"/> (positive).</param>
    /// <param name="pixelScale">Map units per logistic unit of <see cref="NormalizeMap"/> (positive).</param>
    public OnnxPrediction(string name, float score, float[] map, int height, int width, float threshold, float pixelThreshold,
        float imageScale = 1, float pixelScale = 1)
    {
        if (!(imageScale > 0) || float.IsInfinity(imageScale)) throw new ArgumentOutOfRangeException(nameof(imageScale), imageScale, "The image scale must be positive and finite.");
        if (!(pixelScale > 0) || float.IsInfinity(pixelScale)) throw new ArgumentOutOfRangeException(nameof(pixelScale), pixelScale, "The pixel scale must be positive and finite.");
        if (map.Length != height * width) throw new ArgumentException($"The map has {map.Length} values, expected {height} x {width}.", nameof(map));
        Name = name;
        Score = score;
        Map = map;
        Height = height;
        Width = width;
        Threshold = threshold;
        PixelThreshold = pixelThreshold;
        ImageScale = imageScale;
        PixelScale = pixelScale;
        Mask = Array.ConvertAll(map, value => value >= pixelThreshold);
    }

    /// <summary>The image's name.</summary>
    public string Name { get; }

    /// <summary>Image anomaly score (higher is more anomalous).</summary>
    public float Score { get; }

    /// <summary>Anomaly map, row-major.</summary>
    public float[] Map { get; }

    /// <summary>Map height.</summary>
    public int Height { get; }

    /// <summary>Map width.</summary>
    public int Width { get; }

    /// <summary>The image threshold stored in the model.</summary>
    public float Threshold { get; }

    /// <summary>The pixel threshold stored in the model.</summary>
    public float PixelThreshold { get; }

    /// <summary>Image-score units per logistic unit of the normalised score, stored in the model.</summary>
    public float ImageScale { get; }

    /// <summary>Map units per logistic unit of the normalised map, stored in the model.</summary>
    public float PixelScale { get; }

    /// <summary>The score mapped monotonically to (0, 1), 0.5 at the threshold: the logistic function of
    /// (score - threshold) / <see cref="ImageScale"/>, as AnomalyPrediction.NormalizedScore. Decide with
    /// <see cref="IsAnomalous"/>: far from the threshold the normalised values round to 0 or 1.</summary>
    public float NormalizedScore => ScoreNormalization.Logistic(Score, Threshold, ImageScale);

    /// <summary>The map mapped monotonically to (0, 1), 0.5 at <see cref="PixelThreshold"/> (for display), as AnomalyDecisions.NormalizeMap.</summary>
    public float[] NormalizeMap() => Array.ConvertAll(Map, value => ScoreNormalization.Logistic(value, PixelThreshold, PixelScale));

    /// <summary>The predicted defect mask, row-major: map values at or above <see cref="PixelThreshold"/>.</summary>
    public bool[] Mask { get; }

    /// <summary>Whether the score is at or above the threshold (the rule the metrics use).</summary>
    public bool IsAnomalous => Score >= Threshold;

    /// <summary>The map value at row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    public float this[int y, int x] => Map[y * Width + x];
}
