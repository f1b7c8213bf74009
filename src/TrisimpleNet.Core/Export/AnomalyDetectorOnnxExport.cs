using System.Globalization;
using Google.Protobuf;
using Onnx;
using TrisimpleNet.Export;
using TrisimpleNet.Onnx;

namespace TrisimpleNet;

/// <summary>
/// Writes a trained detector's whole inference graph as a standard ONNX model, to run with ONNX Runtime (or any ONNX
/// runtime) without libtorch: normalisation, backbone, aggregation, adaptor and discriminator, upsampling, smoothing and
/// the image score. See docs/onnx.md.
/// </summary>
public static class AnomalyDetectorOnnxExport
{
    /// <summary>The ONNX operator set the export uses (Resize with axes needs 18).</summary>
    public const int OpsetVersion = 18;

    /// <summary>
    /// Writes <paramref name="detector"/> to <paramref name="path"/> atomically (a temporary file, then a rename).
    /// Input <c>image</c>: float32 batch x 3 x height x width, RGB in [0, 1], resized and cropped as the detector does.
    /// Outputs <c>image_score</c> (batch) and <c>anomaly_map</c> (batch x height x width). The thresholds, the score
    /// normalisation's scales, the pixel limit and the preprocessing geometry are stored as metadata properties.
    /// </summary>
    /// <exception cref="NotSupportedException">A part of the detector (named in the message) has no ONNX form: a custom
    /// backbone, aggregator, adaptor, discriminator or scorer.</exception>
    public static void ExportOnnx(this AnomalyDetector detector, string path)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, Build(detector).ToByteArray(), file => file);
    }

    internal static ModelProto Build(AnomalyDetector detector)
    {
        // Every tensor read or converted for the graph (the state dict's, the folded weights, their float32 copies)
        // is freed here rather than left to the finalizer.
        using var scope = TorchSharp.torch.NewDisposeScope();
        int height = detector.InputHeight, width = detector.InputWidth;
        var graph = new OnnxGraphBuilder();
        graph.Graph.Input.Add(new ValueInfoProto
        {
            Name = OnnxModelContract.ImageInput,
            Type = OnnxGraphBuilder.FloatTensor(OnnxModelContract.BatchDimension, 3, height, width),
        });

        var extractor = detector.Extractor;
        var layers = OnnxBackboneExport.Add(graph, extractor.Backbone, OnnxModelContract.ImageInput, height, width);
        var (features, columns) = OnnxAggregationExport.Add(graph, extractor.Aggregator, extractor.Backbone.LayerChannels,
            detector.Options.PatchSize, layers);
        var patchScores = OnnxScoringHeadExport.Add(graph, detector.Adaptor, detector.Discriminator, features, columns);
        if (detector.PositionBias is { } bias)
        {
            using var grid = bias.Values.reshape(1, 1, bias.Height, bias.Width);
            patchScores = graph.Node("Sub", "patch_scores/less_position_bias", [patchScores, graph.Constant("position_bias", grid)]);
        }
        var (imageScores, maps) = OnnxScorerExport.Add(graph, detector.Scorer, patchScores, height, width);
        graph.Output(imageScores, OnnxModelContract.ImageScoreOutput, OnnxGraphBuilder.FloatTensor(OnnxModelContract.BatchDimension));
        graph.Output(maps, OnnxModelContract.AnomalyMapOutput, OnnxGraphBuilder.FloatTensor(OnnxModelContract.BatchDimension, height, width));

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "TrisimpleNet",
            ProducerVersion = typeof(AnomalyDetector).Assembly.GetName().Version?.ToString() ?? "",
            DocString = "TrisimpleNet anomaly detector: image (N x 3 x H x W RGB in [0, 1]) to image_score (N) and anomaly_map (N x H x W).",
            Graph = graph.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        foreach (var (key, value) in Metadata(detector))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private static IEnumerable<(string Key, string Value)> Metadata(AnomalyDetector detector)
    {
        yield return (OnnxModelContract.ImageThresholdKey, detector.Decisions.ImageThreshold.ToString("R", CultureInfo.InvariantCulture));
        yield return (OnnxModelContract.PixelThresholdKey, detector.Decisions.PixelThreshold.ToString("R", CultureInfo.InvariantCulture));
        yield return (OnnxModelContract.ImageScaleKey, detector.Decisions.ImageScale.ToString("R", CultureInfo.InvariantCulture));
        yield return (OnnxModelContract.PixelScaleKey, detector.Decisions.PixelScale.ToString("R", CultureInfo.InvariantCulture));
        yield return (OnnxModelContract.MaxImagePixelsKey, detector.Options.MaxImagePixels.ToString(CultureInfo.InvariantCulture));
        yield return (OnnxModelContract.InputHeightKey, detector.InputHeight.ToString(CultureInfo.InvariantCulture));
        yield return (OnnxModelContract.InputWidthKey, detector.InputWidth.ToString(CultureInfo.InvariantCulture));
        // The preprocessor is built from the options: a fixed height and width resize the whole image, otherwise the
        // shorter side is resized and the centre cropped.
        if (detector.Options.InputHeight is null || detector.Options.InputWidth is null)
            yield return (OnnxModelContract.ResizeKey, detector.Options.Resize.ToString(CultureInfo.InvariantCulture));
    }
}
