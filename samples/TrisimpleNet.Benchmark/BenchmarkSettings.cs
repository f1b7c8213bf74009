namespace TrisimpleNet.Benchmark;

/// <summary>What the benchmark trains and evaluates: every (category, mode, seed) of these settings.</summary>
public sealed record BenchmarkSettings
{
    public string? DataFolder { get; init; }
    public required string OutputFolder { get; init; }
    public IReadOnlyList<string>? Categories { get; init; }
    public string Dataset { get; init; } = "mvtec";
    public IReadOnlyList<BenchmarkMode> Modes { get; init; } = [BenchmarkMode.SimpleNet, BenchmarkMode.TrisimpleNet];
    public double CoresetRatio { get; init; } = 0.01;
    /// <summary>With a value, the share of training images held out to calibrate the threshold of the robustness measurement.</summary>
    public double? RobustnessHoldout { get; init; }
    public string Backbone { get; init; } = "resnet18";
    public string? WeightsPath { get; init; }
    public int? Epochs { get; init; }
    public int? TrainingSteps { get; init; }
    public int? BatchSize { get; init; }
    public int? Resize { get; init; }
    public int? CropSize { get; init; }
    public (int Height, int Width)? InputSize { get; init; }
    public IReadOnlyList<int> Seeds { get; init; } = [0];
    public int? Threads { get; init; }
    public IReadOnlyList<string>? Layers { get; init; }
    public int? Width { get; init; }
    public int? DiscriminatorWidth { get; init; }
    public int? EnsembleSize { get; init; }
    public int? EarlyStoppingPatience { get; init; }
    public ComputePrecision? Precision { get; init; }
    public double? CalibrationShare { get; init; }
    public double? FakeAnomalySigma { get; init; }
    public double? FakeNormalSigma { get; init; }
    public int? AscentSteps { get; init; }
    public int? AscentFromEpoch { get; init; }
    public double? PositiveThreshold { get; init; }
    public double? NegativeThreshold { get; init; }
    public double? TripletMargin { get; init; }
    public Losses.TripletTerms? TripletTerms { get; init; }
    public Losses.PullTarget? PullTarget { get; init; }
    public Training.DiscriminatorPasses? DiscriminatorPasses { get; init; }
    public double? WeightAveragingEpochs { get; init; }
    public double? SmoothingSigma { get; init; }
    public bool? PositionBias { get; init; }
    public ComputePrecision? FeatureCachePrecision { get; init; }
    /// <summary>With a value, only the first this many training images of each category are used.</summary>
    public int? TrainLimit { get; init; }
    /// <summary>With a value, only the first this many test images of each category are used.</summary>
    public int? TestLimit { get; init; }
    /// <summary>Whether to draw the pictures of the first seed of every category and mode and write report.html.</summary>
    public bool Pictures { get; init; }
    /// <summary>Share of the training images held out as a synthetic-defect validation set that replaces the test set; null evaluates on the test set.</summary>
    public double? SyntheticValidationShare { get; init; }

    /// <summary>The detector options of one run: the backbone's preset with every given override.</summary>
    public TrisimpleNetOptions DetectorOptions(TrainingMethod mode, int seed)
    {
        var options = Backbone == "resnet18" ? TrisimpleNetOptions.ResNet18() : TrisimpleNetOptions.Paper(WeightsPath);
        if (WeightsPath is not null) options.BackboneWeightsPath = WeightsPath;
        options.Method = mode;
        options.Seed = seed;
        options.Threads = Threads ?? Environment.ProcessorCount;
        if (Epochs is int epochs) options.Epochs = epochs;
        if (BatchSize is int batchSize) options.BatchSize = batchSize;
        if (Resize is int resize) options.Resize = resize;
        if (CropSize is int crop) options.CropSize = crop;
        if (Resize is not null || CropSize is not null) options.InputPixels = null;
        if (InputSize is var (height, width))
        {
            options.InputHeight = height;
            options.InputWidth = width;
        }
        if (Layers is { } layers) options.Layers = [.. layers];
        if (Width is int embeddingWidth)
        {
            options.EmbeddingWidth = embeddingWidth;
            options.LayerEmbeddingWidth = embeddingWidth;
        }
        if (DiscriminatorWidth is int hiddenWidth) options.DiscriminatorHiddenWidth = hiddenWidth;
        // SimpleNet mode is the official method's single discriminator (and issue 13's equal-work reference) unless
        // --ensemble-size asks for more; TrisimpleNet mode keeps the preset's choice.
        if (EnsembleSize is int ensembleSize) options.EnsembleSize = ensembleSize;
        else if (mode == TrainingMethod.SimpleNet) options.EnsembleSize = 1;
        // --epochs alone trains exactly that many epochs, as every documented study did; the preset's early stopping
        // applies when neither is given, and --early-stopping sets it.
        if (EarlyStoppingPatience is int patience) options.EarlyStoppingPatience = patience;
        else if (Epochs is not null) options.EarlyStoppingPatience = null;
        // Likewise the preset's step budget: with --training-steps, --epochs is its cap.
        if (TrainingSteps is int steps) options.TrainingSteps = steps;
        else if (Epochs is not null) options.TrainingSteps = null;
        if (Precision is ComputePrecision precision) options.Precision = precision;
        if (CalibrationShare is double calibrationShare) options.CalibrationShare = calibrationShare;
        if (FakeAnomalySigma is double sigma) options.FakeAnomalySigma = sigma;
        if (FakeNormalSigma is double sigmaPrime) options.FakeNormalSigma = sigmaPrime;
        if (AscentSteps is int ascentSteps) options.FakeAnomalyAscentSteps = ascentSteps;
        if (AscentFromEpoch is int fromEpoch) options.FakeAnomalyAscentFromEpoch = fromEpoch;
        if (PositiveThreshold is double positive) options.PositiveThreshold = positive;
        if (NegativeThreshold is double negative) options.NegativeThreshold = negative;
        if (TripletMargin is double margin) options.TripletMargin = margin;
        if (TripletTerms is { } terms) options.TripletTerms = terms;
        if (PullTarget is { } target) options.PullTarget = target;
        if (DiscriminatorPasses is { } passes) options.DiscriminatorPasses = passes;
        if (WeightAveragingEpochs is double averaging) options.WeightAveragingEpochs = averaging;
        if (SmoothingSigma is double smoothing) options.SmoothingSigma = smoothing;
        if (PositionBias is bool positionBias) options.SubtractPositionBias = positionBias;
        if (FeatureCachePrecision is ComputePrecision cache) options.FeatureCachePrecision = cache;
        return options;
    }
}
