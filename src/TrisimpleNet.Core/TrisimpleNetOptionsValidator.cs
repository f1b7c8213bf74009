using Microsoft.Extensions.Options;

namespace TrisimpleNet;

/// <summary>Checks <see cref="TrisimpleNetOptions"/> once, naming each wrong option and why.</summary>
public sealed class TrisimpleNetOptionsValidator : IValidateOptions<TrisimpleNetOptions>
{
    private static readonly string[] KnownLayers = ["layer1", "layer2", "layer3", "layer4"];

    private const int MinimumInputPixels = 32 * 32;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TrisimpleNetOptions options)
    {
        var failures = Check(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem, if there is any.</summary>
    public static void ThrowIfInvalid(TrisimpleNetOptions options)
    {
        var failures = Check(options).ToList();
        if (failures.Count > 0)
            throw new OptionsValidationException(Options.DefaultName, typeof(TrisimpleNetOptions), failures);
    }

    private static IEnumerable<string> Check(TrisimpleNetOptions o)
    {
        const string p = nameof(TrisimpleNetOptions) + ".";
        if (string.IsNullOrWhiteSpace(o.Backbone)) yield return p + "Backbone must name an architecture such as resnet18 or wide_resnet50_2.";
        if (o.Layers is null || o.Layers.Length == 0)
            yield return p + "Layers must list at least one of layer1..layer4.";
        else
        {
            foreach (var layer in o.Layers.Where(l => !KnownLayers.Contains(l)))
                yield return $"{p}Layers contains '{layer}'; expected layer1, layer2, layer3 or layer4.";
            var indices = o.Layers.Where(KnownLayers.Contains).Select(l => Array.IndexOf(KnownLayers, l)).ToArray();
            if (!indices.SequenceEqual(indices.Distinct().Order()))
                yield return p + "Layers must be distinct and ordered shallowest first (for example layer2, layer3).";
        }
        if (o.BackboneWeightsPath is null && o.Backbone != "resnet18")
            yield return $"{p}BackboneWeightsPath must name a PyTorch state-dict file (.pth or .safetensors) for backbone '{o.Backbone}'; only resnet18 has packaged weights.";
        if ((o.InputHeight is null) != (o.InputWidth is null))
            yield return p + "InputHeight and InputWidth must be set together (or neither, to use InputPixels or to resize and centre-crop).";
        if (o.InputHeight is < 32 || o.InputWidth is < 32)
            yield return p + "InputHeight and InputWidth must be at least 32 pixels.";
        if (o.InputPixels is < MinimumInputPixels)
            yield return $"{p}InputPixels is {o.InputPixels}; it must be at least {MinimumInputPixels:N0} (32 x 32), or null to resize and centre-crop.";
        if (o.InputHeight is null && o.InputPixels is not null
            && (o.Resize != TrisimpleNetOptions.DefaultResize || o.CropSize != TrisimpleNetOptions.DefaultCropSize))
            yield return $"{p}Resize ({o.Resize}) and CropSize ({o.CropSize}) are not used while InputPixels ({o.InputPixels}) is set: " +
                "set InputPixels to null to resize and centre-crop, or InputHeight and InputWidth for a fixed whole-image size.";
        if (o.InputHeight is null && o.InputPixels is null)
        {
            if (o.CropSize < 32) yield return $"{p}CropSize is {o.CropSize}; it must be at least 32 pixels.";
            if (o.Resize < o.CropSize) yield return $"{p}Resize ({o.Resize}) must be at least CropSize ({o.CropSize}).";
        }
        if (o.MaxImagePixels < 1) yield return $"{p}MaxImagePixels is {o.MaxImagePixels}; it must be at least 1 (the default is {Imaging.ImageFiles.DefaultMaxPixels:N0}).";
        if (o.PatchSize < 1 || o.PatchSize % 2 == 0) yield return $"{p}PatchSize is {o.PatchSize}; it must be a positive odd number.";
        if (o.LayerEmbeddingWidth < 1) yield return p + "LayerEmbeddingWidth must be positive.";
        if (o.EmbeddingWidth < 1) yield return p + "EmbeddingWidth must be positive.";
        if (o.DiscriminatorHiddenWidth < 1) yield return p + "DiscriminatorHiddenWidth must be positive.";
        if (o.DiscriminatorLayers < 1) yield return p + "DiscriminatorLayers must be at least 1.";
        if (!(o.LeakyReluSlope >= 0)) yield return p + "LeakyReluSlope must be >= 0.";
        if (o.FakeAnomalyAscentSteps < 0)
            yield return $"{p}FakeAnomalyAscentSteps is {o.FakeAnomalyAscentSteps}; it must be 0 (plain noise) or more.";
        if (o.FakeAnomalyAscentFromEpoch < 1)
            yield return $"{p}FakeAnomalyAscentFromEpoch is {o.FakeAnomalyAscentFromEpoch}; it must be 1 (harden from the first epoch) or later.";
        if (!(o.FakeAnomalySigma > 0) || double.IsInfinity(o.FakeAnomalySigma))
            yield return $"{p}FakeAnomalySigma is {o.FakeAnomalySigma}; it must be a positive number.";
        if (o.Method == TrainingMethod.TrisimpleNet)
        {
            if (!(o.FakeNormalSigma >= 0) || double.IsInfinity(o.FakeNormalSigma)) yield return $"{p}FakeNormalSigma is {o.FakeNormalSigma}; it must be a finite number >= 0.";
            if (!Enum.IsDefined(o.TripletTerms)) yield return $"{p}TripletTerms {o.TripletTerms} is unknown.";
            if (!Enum.IsDefined(o.PullTarget)) yield return $"{p}PullTarget {o.PullTarget} is unknown.";
            if (!Enum.IsDefined(o.DiscriminatorPasses)) yield return $"{p}DiscriminatorPasses {o.DiscriminatorPasses} is unknown.";
            if (!(o.FakeNormalSigma < o.FakeAnomalySigma))
                yield return $"{p}FakeNormalSigma ({o.FakeNormalSigma}) must be smaller than FakeAnomalySigma ({o.FakeAnomalySigma}): fake normals are normal features barely moved.";
            if (!(o.TripletMargin >= 0)) yield return p + "TripletMargin must be >= 0.";
        }
        if (!(o.NegativeThreshold < o.PositiveThreshold))
            yield return $"{p}NegativeThreshold ({o.NegativeThreshold}) must be smaller than PositiveThreshold ({o.PositiveThreshold}).";
        if (o.Epochs < 1) yield return $"{p}Epochs is {o.Epochs}; it must be at least 1.";
        if (o.TrainingSteps is < 1) yield return $"{p}TrainingSteps is {o.TrainingSteps}; it must be at least 1 (or null to train Epochs epochs).";
        if (o.EnsembleSize is < 1) yield return $"{p}EnsembleSize is {o.EnsembleSize}; it must be at least 1 (1 trains one adaptor and discriminator).";
        if (o.EnsembleSize > 1 && o.DiscriminatorLayers != 2)
            yield return $"{p}EnsembleSize {o.EnsembleSize} needs DiscriminatorLayers = 2 (one hidden block), not {o.DiscriminatorLayers}: only then do the pairs merge into one discriminator.";
        if (o.BatchSize < 1) yield return $"{p}BatchSize is {o.BatchSize}; it must be at least 1.";
        if (o.InferenceBatchSize < 1) yield return $"{p}InferenceBatchSize is {o.InferenceBatchSize}; it must be at least 1.";
        if (!(o.AdaptorLearningRate > 0)) yield return p + "AdaptorLearningRate must be positive.";
        if (!(o.DiscriminatorLearningRate > 0)) yield return p + "DiscriminatorLearningRate must be positive.";
        if (!(o.WeightDecay >= 0)) yield return p + "WeightDecay must be >= 0.";
        if (o.EarlyStoppingPatience is < 1) yield return p + "EarlyStoppingPatience must be at least 1 (or null to train all epochs).";
        if (!(o.EarlyStoppingShare is > 0 and <= 1)) yield return p + $"EarlyStoppingShare must be in (0, 1], not {o.EarlyStoppingShare}.";
        if (o.WeightAveragingEpochs is double averaging && !(averaging > 0 && double.IsFinite(averaging)))
            yield return $"{p}WeightAveragingEpochs is {averaging}; it must be a finite number of epochs above 0 (or null to keep the last weights).";
        if (o.CheckpointEveryEpochs is < 1) yield return $"{p}CheckpointEveryEpochs is {o.CheckpointEveryEpochs}; it must be at least 1 (or null for no checkpoints).";
        if (o.CheckpointEveryEpochs is not null && string.IsNullOrWhiteSpace(o.CheckpointPath))
            yield return p + "CheckpointPath must name the checkpoint file when CheckpointEveryEpochs is set.";
        if (o.FeatureCacheMemoryBudget is < 0)
            yield return $"{p}FeatureCacheMemoryBudget is {o.FeatureCacheMemoryBudget}; it must be 0 (always a file) or more bytes, or null for half the memory available.";
        if (o.FeatureCacheFolder is not null && !Directory.Exists(o.FeatureCacheFolder))
            yield return $"{p}FeatureCacheFolder '{o.FeatureCacheFolder}' is not an existing folder; name one, or leave it null for the system's temporary folder.";
        if (o.Threads is < 1) yield return p + "Threads must be at least 1 (or null for torch's default).";
        if (!(o.SmoothingSigma > 0)) yield return p + "SmoothingSigma must be positive.";
        if (string.IsNullOrWhiteSpace(o.Device)) yield return p + "Device must be cpu, cuda or cuda:N.";
    }
}
