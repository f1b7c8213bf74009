using System.Text.Json.Nodes;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Features;
using TrisimpleNet.Scoring;

namespace TrisimpleNet.Parts;

/// <summary>The library's own parts as <see cref="PartSpec"/>s: their names, their specs from the options, and their factories.</summary>
internal static class BuiltInParts
{
    public const string LinearAdaptor = "linear-adaptor";
    public const string MlpDiscriminator = "mlp-discriminator";
    public const string UnfoldPoolAggregator = "unfold-pool-aggregator";
    public const string SpatialAverageAggregator = "spatial-average-aggregator";
    public const string MaxScorer = "max-scorer";

    public static void Register()
    {
        PartFactories.Register(LinearAdaptor, p => new LinearFeatureAdaptor(Int(p, "inputWidth"), Int(p, "outputWidth"),
            Bool(p, "bias"), Enum<ComputePrecision>(p, "precision")));
        PartFactories.Register(MlpDiscriminator, p => new Discriminators.MlpDiscriminator(Int(p, "inputWidth"),
            Int(p, "hiddenWidth"), Int(p, "layers"), Double(p, "negativeSlope"), Enum<ComputePrecision>(p, "precision")));
        PartFactories.Register(UnfoldPoolAggregator, p => new Features.UnfoldPoolAggregator(Int(p, "patchSize"),
            Int(p, "layerWidth"), Int(p, "outputWidth")));
        PartFactories.Register(SpatialAverageAggregator, p => new Features.SpatialAverageAggregator(Int(p, "patchSize"),
            Int(p, "outputWidth")));
        PartFactories.Register(MaxScorer, p => new Scoring.MaxScorer(Double(p, "smoothingSigma")));
    }

    public static PartSpec Adaptor(int inputWidth, int outputWidth, bool bias, ComputePrecision precision) =>
        new(LinearAdaptor, new JsonObject { ["inputWidth"] = inputWidth, ["outputWidth"] = outputWidth, ["bias"] = bias, ["precision"] = precision.ToString() });

    public static PartSpec Discriminator(int inputWidth, int hiddenWidth, int layers, double negativeSlope, ComputePrecision precision) =>
        new(MlpDiscriminator, new JsonObject
        {
            ["inputWidth"] = inputWidth, ["hiddenWidth"] = hiddenWidth, ["layers"] = layers,
            ["negativeSlope"] = negativeSlope, ["precision"] = precision.ToString(),
        });

    public static PartSpec Aggregator(TrisimpleNetOptions options) => options.Aggregation switch
    {
        FeatureAggregation.OfficialUnfoldPool => new(UnfoldPoolAggregator, new JsonObject
        {
            ["patchSize"] = options.PatchSize, ["layerWidth"] = options.LayerEmbeddingWidth, ["outputWidth"] = options.EmbeddingWidth,
        }),
        FeatureAggregation.SpatialAverageConcat => new(SpatialAverageAggregator, new JsonObject
        {
            ["patchSize"] = options.PatchSize, ["outputWidth"] = options.EmbeddingWidth,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Aggregation, "Unknown aggregation."),
    };

    public static PartSpec Scorer(double smoothingSigma) => new(MaxScorer, new JsonObject { ["smoothingSigma"] = smoothingSigma });

    /// <summary>The spec of a built-in adaptor or discriminator made with <c>new</c>, read from its weights' shapes.</summary>
    public static PartSpec? Describe(object part) => part switch
    {
        LinearFeatureAdaptor adaptor => Adaptor((int)adaptor.Weight.shape[1], (int)adaptor.Weight.shape[0], adaptor.Bias is not null, adaptor.Precision),
        Discriminators.MlpDiscriminator mlp => DescribeDiscriminator(mlp),
        _ => null,
    };

    private static PartSpec DescribeDiscriminator(Discriminators.MlpDiscriminator mlp)
    {
        var blocks = mlp.Blocks.ToList();
        int inputWidth = (int)(blocks.Count > 0 ? blocks[0].Linear.weight!.shape[1] : mlp.TailWeight.shape[1]);
        int hiddenWidth = blocks.Count > 0 ? (int)blocks[0].Linear.weight!.shape[0] : inputWidth;
        return Discriminator(inputWidth, hiddenWidth, blocks.Count + 1, mlp.NegativeSlope, mlp.Precision);
    }

    private static JsonNode Parameter(JsonObject parameters, string name) =>
        parameters[name] ?? throw new InvalidDataException($"The part spec lacks the parameter '{name}'.");

    private static int Int(JsonObject p, string name) => Parameter(p, name).GetValue<int>();
    private static double Double(JsonObject p, string name) => Parameter(p, name).GetValue<double>();
    private static bool Bool(JsonObject p, string name) => Parameter(p, name).GetValue<bool>();
    private static T Enum<T>(JsonObject p, string name) where T : struct, System.Enum => System.Enum.Parse<T>(Parameter(p, name).GetValue<string>());
}
