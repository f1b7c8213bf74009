using System.Globalization;
using System.Runtime.ExceptionServices;
using Microsoft.ML.OnnxRuntime;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Onnx;

/// <summary>
/// Runs a TrisimpleNet detector exported with <c>ExportOnnx</c> on ONNX Runtime, without libtorch: decodes and
/// preprocesses images as the detector does, and returns image scores, anomaly maps and decisions at the exported
/// threshold. Thread-safe: one instance can serve concurrent callers.
/// </summary>
/// <example>
/// <code>
/// using var detector = OnnxAnomalyDetector.Load("detector.onnx");
/// var prediction = detector.Predict("part.png");
/// if (prediction.IsAnomalous) Reject();
/// </code>
/// </example>
public sealed class OnnxAnomalyDetector : IDisposable
{
    private readonly InferenceSession _session;
    private readonly ImageGeometry _geometry;

    private OnnxAnomalyDetector(InferenceSession session, ImageGeometry geometry, float threshold, float pixelThreshold,
        float imageScale, float pixelScale, long maxImagePixels)
    {
        _session = session;
        _geometry = geometry;
        Threshold = threshold;
        PixelThreshold = pixelThreshold;
        ImageScale = imageScale;
        PixelScale = pixelScale;
        MaxImagePixels = maxImagePixels;
    }

    /// <summary>The image threshold stored in the model: a score at or above it is anomalous.</summary>
    public float Threshold { get; }

    /// <summary>The pixel threshold stored in the model: a map value at or above it is in the defect mask.</summary>
    public float PixelThreshold { get; }

    /// <summary>Image-score units per logistic unit of <see cref="OnnxPrediction.NormalizedScore"/>, stored in the model
    /// (the detector's Decisions.ImageScale); 1 for models exported without it.</summary>
    public float ImageScale { get; }

    /// <summary>Map units per logistic unit of <see cref="OnnxPrediction.NormalizeMap"/>, stored in the model; 1 for models exported without it.</summary>
    public float PixelScale { get; }

    /// <summary>Image files whose header declares more pixels are refused before decoding (the detector's
    /// MaxImagePixels, stored in the model; 100 megapixels for models exported without it).</summary>
    public long MaxImagePixels { get; }

    /// <summary>Input height of the model and height of its maps.</summary>
    public int InputHeight => _geometry.Height;

    /// <summary>Input width of the model and width of its maps.</summary>
    public int InputWidth => _geometry.Width;

    /// <summary>How many images one run of the model scores (default 8).</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Loads a model written by <c>ExportOnnx</c>; <paramref name="options"/> set ONNX Runtime's threads and providers.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a TrisimpleNet export (its inputs, outputs or metadata differ).</exception>
    public static OnnxAnomalyDetector Load(string path, SessionOptions? options = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"ONNX model '{path}' does not exist.", path);
        InferenceSession session;
        try
        {
            session = options is null ? new InferenceSession(path) : new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX model '{path}' could not be loaded by ONNX Runtime: {e.Message}", e);
        }
        try
        {
            ThrowIfNotTrisimpleNet(session, path);
            var metadata = session.ModelMetadata.CustomMetadataMap;
            int? resize = metadata.TryGetValue(OnnxModelContract.ResizeKey, out var side) ? ParseInt(side, OnnxModelContract.ResizeKey, path) : null;
            var geometry = Geometry(resize,
                ParseInt(Required(metadata, OnnxModelContract.InputHeightKey, path), OnnxModelContract.InputHeightKey, path),
                ParseInt(Required(metadata, OnnxModelContract.InputWidthKey, path), OnnxModelContract.InputWidthKey, path), path);
            return new OnnxAnomalyDetector(session, geometry,
                ParseFloat(Required(metadata, OnnxModelContract.ImageThresholdKey, path), OnnxModelContract.ImageThresholdKey, path),
                ParseFloat(Required(metadata, OnnxModelContract.PixelThresholdKey, path), OnnxModelContract.PixelThresholdKey, path),
                Scale(metadata, OnnxModelContract.ImageScaleKey, path),
                Scale(metadata, OnnxModelContract.PixelScaleKey, path),
                MaxPixels(metadata, path));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Scores one image file.</summary>
    public OnnxPrediction Predict(string imagePath) => Predict([imagePath])[0];

    /// <summary>Scores one image (any pixel format; grayscale is expanded to three channels).</summary>
    public OnnxPrediction Predict(Image image)
    {
        using var rgb = image.CloneAs<Rgb24>();
        return Score(["image"], [() => rgb.Clone()])[0];
    }

    /// <summary>Scores image files in batches of <see cref="BatchSize"/>.</summary>
    public IReadOnlyList<OnnxPrediction> Predict(IReadOnlyList<string> imagePaths) =>
        Score(imagePaths, imagePaths.Select(path => (Func<Image<Rgb24>>)(() => ImageFileDecoder.LoadRgb(path, MaxImagePixels))).ToArray());

    private OnnxPrediction[] Score(IReadOnlyList<string> names, IReadOnlyList<Func<Image<Rgb24>>> open)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        var predictions = new OnnxPrediction[names.Count];
        int pixels = InputHeight * InputWidth;
        for (int start = 0; start < names.Count; start += BatchSize)
        {
            int count = Math.Min(BatchSize, names.Count - start);
            var input = new float[count * 3 * pixels];
            try
            {
                Parallel.For(0, count, i =>
                {
                    using var image = open[start + i]();
                    _geometry.WriteTensor(image, input.AsSpan(i * 3 * pixels, 3 * pixels));
                });
            }
            catch (AggregateException e)
            {
                // The documented exception of the first image that failed (InvalidDataException, FileNotFoundException).
                ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
            using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [count, 3, InputHeight, InputWidth]);
            using var runOptions = new RunOptions();
            using var outputs = _session.Run(runOptions, [OnnxModelContract.ImageInput], [inputValue],
                [OnnxModelContract.ImageScoreOutput, OnnxModelContract.AnomalyMapOutput]);
            var scores = outputs[0].GetTensorDataAsSpan<float>();
            var maps = outputs[1].GetTensorDataAsSpan<float>();
            for (int i = 0; i < count; i++)
                predictions[start + i] = new OnnxPrediction(names[start + i], scores[i], maps.Slice(i * pixels, pixels).ToArray(),
                    InputHeight, InputWidth, Threshold, PixelThreshold, ImageScale, PixelScale);
        }
        return predictions;
    }

    private static void ThrowIfNotTrisimpleNet(InferenceSession session, string path)
    {
        bool hasInput = session.InputMetadata.ContainsKey(OnnxModelContract.ImageInput);
        bool hasOutputs = session.OutputMetadata.ContainsKey(OnnxModelContract.ImageScoreOutput)
            && session.OutputMetadata.ContainsKey(OnnxModelContract.AnomalyMapOutput);
        if (!hasInput || !hasOutputs)
            throw new InvalidDataException(
                $"ONNX model '{path}' is not a TrisimpleNet export: expected input '{OnnxModelContract.ImageInput}' and outputs " +
                $"'{OnnxModelContract.ImageScoreOutput}', '{OnnxModelContract.AnomalyMapOutput}'; it has inputs " +
                $"{string.Join(", ", session.InputMetadata.Keys)} and outputs {string.Join(", ", session.OutputMetadata.Keys)}.");
    }

    private static ImageGeometry Geometry(int? resize, int height, int width, string path)
    {
        try
        {
            return new ImageGeometry(resize, height, width);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"ONNX model '{path}': the input geometry in its metadata is invalid: {e.Message}", e);
        }
    }

    // The scales and the pixel limit were added after the first exports; a model without them normalises with scale 1
    // (AnomalyDecisions' default for hand-set thresholds) and keeps Core's default limit.
    private static float Scale(IReadOnlyDictionary<string, string> metadata, string key, string path)
    {
        if (!metadata.TryGetValue(key, out var text))
            return 1;
        float scale = ParseFloat(text, key, path);
        return scale > 0 && float.IsFinite(scale)
            ? scale
            : throw new InvalidDataException($"ONNX model '{path}': metadata '{key}' is '{text}', not a positive finite number.");
    }

    private static long MaxPixels(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(OnnxModelContract.MaxImagePixelsKey, out var text))
            return ImageFileDecoder.DefaultMaxPixels;
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long pixels) && pixels >= 1
            ? pixels
            : throw new InvalidDataException($"ONNX model '{path}': metadata '{OnnxModelContract.MaxImagePixelsKey}' is '{text}', not a positive integer.");
    }

    private static string Required(IReadOnlyDictionary<string, string> metadata, string key, string path) =>
        metadata.TryGetValue(key, out var value)
            ? value
            : throw new InvalidDataException($"ONNX model '{path}' has no metadata property '{key}'; was it written by ExportOnnx?");

    private static float ParseFloat(string text, string key, string path) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value)
            ? value
            : throw new InvalidDataException($"ONNX model '{path}': metadata '{key}' is '{text}', not a number.");

    private static int ParseInt(string text, string key, string path) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new InvalidDataException($"ONNX model '{path}': metadata '{key}' is '{text}', not an integer.");

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();
}
