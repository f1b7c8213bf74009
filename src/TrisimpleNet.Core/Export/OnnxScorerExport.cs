using TrisimpleNet.Scoring;
using static TrisimpleNet.Export.OnnxGraphBuilder;

namespace TrisimpleNet.Export;

/// <summary>
/// <see cref="MaxScorer"/> as ONNX nodes: the image score is the largest patch score (before smoothing); the map is
/// the patch scores resized bilinearly (half-pixel centres, as torch with align_corners=false) to the input size,
/// then Gaussian-smoothed separably, its scipy 'reflect' borders made by gathering precomputed indices.
/// </summary>
internal static class OnnxScorerExport
{
    /// <summary>Adds the scorer on <paramref name="patchScores"/> (N x 1 x h x w); returns image scores (N) and maps (N x height x width).</summary>
    public static (string ImageScores, string Maps) Add(OnnxGraphBuilder graph, IScorer scorer, string patchScores, int height, int width)
    {
        if (scorer is not MaxScorer maxScorer)
            throw new NotSupportedException(
                $"ONNX export supports the built-in max scorer; the scorer '{scorer.GetType().FullName}' is a custom part.");
        var imageScores = graph.Node("ReduceMax", "image_scores", [patchScores, graph.Constant("image_scores/axes", [1L, 2L, 3L], 3)], Int("keepdims", 0));
        var upsampled = graph.Node("Resize", "maps/upsampled", [patchScores, "", "", graph.Constant("maps/size", [(long)height, width], 2)],
            String("mode", "linear"), String("coordinate_transformation_mode", "half_pixel"), Ints("axes", 2, 3));

        var kernel = GaussianSmoothing.Kernel(maxScorer.Smoothing.Sigma);
        int radius = kernel.Length / 2;
        var rows = graph.Node("Gather", "maps/reflected_rows", [upsampled, ReflectIndices(graph, "maps/row_indices", height, radius)], Int("axis", 2));
        var smoothedRows = graph.Node("Conv", "maps/smoothed_rows", [rows, graph.Constant("maps/row_kernel", kernel, 1, 1, kernel.Length, 1)]);
        var columns = graph.Node("Gather", "maps/reflected_columns", [smoothedRows, ReflectIndices(graph, "maps/column_indices", width, radius)], Int("axis", 3));
        var smoothed = graph.Node("Conv", "maps/smoothed", [columns, graph.Constant("maps/column_kernel", kernel, 1, 1, 1, kernel.Length)]);
        var maps = graph.Node("Squeeze", "maps", [smoothed, graph.Constant("maps/channel_axis", [1L], 1)]);
        return (imageScores, maps);
    }

    private static string ReflectIndices(OnnxGraphBuilder graph, string name, int length, int radius)
    {
        using var indices = GaussianSmoothing.ReflectIndices(length, radius, TorchSharp.torch.CPU);
        return graph.Constant(name, indices.data<long>().ToArray(), length + 2L * radius);
    }
}
