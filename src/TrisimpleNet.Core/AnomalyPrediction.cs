using TrisimpleNet.Decisions;

namespace TrisimpleNet;

/// <summary>
/// The result for one image: its raw anomaly score and anomaly map at the detector's input resolution, and the
/// decisions on them (anomalous or not, normalised score, defect mask) by the detector's <see cref="AnomalyDecisions"/>.
/// </summary>
public sealed class AnomalyPrediction
{
    /// <param name="name">The image's name (file path or caller-chosen).</param>
    /// <param name="score">Image anomaly score: the largest patch score.</param>
    /// <param name="map">Anomaly map, row-major, <paramref name="height"/> x <paramref name="width"/>.</param>
    /// <param name="height">Map height (the detector's input height).</param>
    /// <param name="width">Map width (the detector's input width).</param>
    /// <param name="decisions">The detector's decisions at prediction time.</param>
    public AnomalyPrediction(string name, float score, float[] map, int height, int width, AnomalyDecisions decisions)
    {
        if (map.Length != height * width) throw new ArgumentException($"The map has {map.Length} values, expected {height} x {width}.", nameof(map));
        Name = name;
        Score = score;
        Map = map;
        Height = height;
        Width = width;
        Decisions = decisions;
        Mask = decisions.Mask(map);
    }

    /// <summary>The image's name.</summary>
    public string Name { get; }

    /// <summary>Raw image anomaly score (higher is more anomalous); what metrics use.</summary>
    public float Score { get; }

    /// <summary>
    /// Raw anomaly map, row-major, at the detector's input resolution; <see cref="Imaging.ImagePreprocessor.MapOnSource"/>
    /// (through <see cref="AnomalyDetector.Preprocessor"/>) brings it onto the source image.
    /// </summary>
    public float[] Map { get; }

    /// <summary>Map height.</summary>
    public int Height { get; }

    /// <summary>Map width.</summary>
    public int Width { get; }

    /// <summary>The decisions applied.</summary>
    public AnomalyDecisions Decisions { get; }

    /// <summary>The image threshold the verdict uses.</summary>
    public float Threshold => Decisions.ImageThreshold;

    /// <summary>Whether the score is at or above the image threshold (<c>&gt;=</c>, as in the metrics).</summary>
    public bool IsAnomalous => Decisions.IsAnomalous(Score);

    /// <summary>The score mapped monotonically to (0, 1), 0.5 at the image threshold.</summary>
    public float NormalizedScore => Decisions.NormalizeImageScore(Score);

    /// <summary>The predicted defect mask, row-major: true where the map is at or above the pixel threshold.</summary>
    public bool[] Mask { get; }

    /// <summary>The map value at row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    public float this[int y, int x] => Map[y * Width + x];
}
