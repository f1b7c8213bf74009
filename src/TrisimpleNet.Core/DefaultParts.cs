using TrisimpleNet.Adaptors;
using TrisimpleNet.Backbones;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Features;
using TrisimpleNet.Losses;
using TrisimpleNet.Noise;
using TrisimpleNet.Parts;
using TrisimpleNet.Scoring;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>The parts the options describe, for whatever the builder was not given, and for loading a saved detector.</summary>
internal static class DefaultParts
{
    public static IBackbone Backbone(TrisimpleNetOptions options) =>
        options.BackboneWeightsPath is null && options.Backbone == "resnet18"
            ? TrisimpleNet.Backbones.Backbone.ResNet18Onnx(options.Layers)
            : TrisimpleNet.Backbones.Backbone.FromStateDict(options.Backbone, options.BackboneWeightsPath
                ?? throw new ArgumentException($"{nameof(TrisimpleNetOptions)}.{nameof(TrisimpleNetOptions.BackboneWeightsPath)} is needed for backbone '{options.Backbone}'."), options.Layers);

    public static IFeatureAggregator Aggregator(TrisimpleNetOptions options) =>
        PartFactories.Create<IFeatureAggregator>(BuiltInParts.Aggregator(options));

    public static LinearFeatureAdaptor Adaptor(TrisimpleNetOptions options, int width, Generator? generator = null) =>
        new(width, width, options.AdaptorBias, options.Precision, generator);

    public static MlpDiscriminator Discriminator(TrisimpleNetOptions options, int width, Generator? generator = null) =>
        new(width, options.DiscriminatorHiddenWidth, options.DiscriminatorLayers, options.LeakyReluSlope, options.Precision, generator);

    public static IScorer Scorer(TrisimpleNetOptions options) =>
        PartFactories.Create<IScorer>(BuiltInParts.Scorer(options.SmoothingSigma));

    /// <summary>Noise sigmas in feature units: as given, or times the measured spread.</summary>
    public static (double FakeAnomaly, double FakeNormal) NoiseSigmas(TrisimpleNetOptions options, double featureSpread) =>
        options.NoiseScale == NoiseScale.RelativeToFeatureSpread
            ? (options.FakeAnomalySigma * featureSpread, options.FakeNormalSigma * featureSpread)
            : (options.FakeAnomalySigma, options.FakeNormalSigma);

    public static INoiseGenerator FakeAnomalyNoise(TrisimpleNetOptions options, double featureSpread) =>
        new GaussianNoise(NoiseSigmas(options, featureSpread).FakeAnomaly);

    public static INoiseGenerator? FakeNormalNoise(TrisimpleNetOptions options, double featureSpread) =>
        options.Method == TrainingMethod.TrisimpleNet ? new GaussianNoise(NoiseSigmas(options, featureSpread).FakeNormal) : null;

    public static ITripletLoss? Triplet(TrisimpleNetOptions options) =>
        options.Method == TrainingMethod.TrisimpleNet ? new TripletLoss(options.TripletMargin, options.TripletTerms, options.PullTarget) : null;

    public static TruncatedL1Loss TruncatedL1(TrisimpleNetOptions options) =>
        new(options.PositiveThreshold, options.NegativeThreshold);

    /// <summary>Every training part from the options alone; the caller disposes the adaptor's and discriminator's networks.</summary>
    public static TrainingParts ForTraining(TrisimpleNetOptions options, int width, double featureSpread, Generator? generator = null) =>
        new(Adaptor(options, width, generator), Discriminator(options, width, generator), FakeAnomalyNoise(options, featureSpread),
            FakeNormalNoise(options, featureSpread), TruncatedL1(options), Triplet(options));
}
