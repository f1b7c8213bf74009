namespace TrisimpleNet.Onnx;

/// <summary>
/// What an exported TrisimpleNet ONNX model promises: the names of its input and outputs and the metadata keys.
/// Compiled into both TrisimpleNet.Core (the exporter) and TrisimpleNet.Onnx (the runner), so the two cannot drift.
/// </summary>
internal static class OnnxModelContract
{
    /// <summary>float32 batch x 3 x height x width, RGB in [0, 1], after the detector's resizing and cropping.</summary>
    public const string ImageInput = "image";

    /// <summary>float32 batch: the image anomaly scores.</summary>
    public const string ImageScoreOutput = "image_score";

    /// <summary>float32 batch x height x width: the anomaly maps.</summary>
    public const string AnomalyMapOutput = "anomaly_map";

    /// <summary>The name of the dynamic batch dimension.</summary>
    public const string BatchDimension = "batch";

    /// <summary>Metadata: the image threshold (invariant-culture float, "R" format); a score at or above it is anomalous.</summary>
    public const string ImageThresholdKey = "trisimplenet.image_threshold";

    /// <summary>Metadata: the pixel threshold (invariant-culture float, "R" format); a map value at or above it is in the defect mask.</summary>
    public const string PixelThresholdKey = "trisimplenet.pixel_threshold";

    /// <summary>Metadata: image-score units per logistic unit of the normalised score (invariant-culture float, "R" format).</summary>
    public const string ImageScaleKey = "trisimplenet.image_scale";

    /// <summary>Metadata: map units per logistic unit of the normalised map (invariant-culture float, "R" format).</summary>
    public const string PixelScaleKey = "trisimplenet.pixel_scale";

    /// <summary>Metadata: image files whose header declares more pixels are refused undecoded (the detector's MaxImagePixels).</summary>
    public const string MaxImagePixelsKey = "trisimplenet.max_image_pixels";

    /// <summary>Metadata: the shorter side images are resized to before the centre crop; absent when the whole image is resized.</summary>
    public const string ResizeKey = "trisimplenet.resize";

    /// <summary>Metadata: the input height in pixels.</summary>
    public const string InputHeightKey = "trisimplenet.input_height";

    /// <summary>Metadata: the input width in pixels.</summary>
    public const string InputWidthKey = "trisimplenet.input_width";
}
