namespace TrisimpleNet;

/// <summary>
/// Every hyper-parameter of TrisimpleNet, with the paper's defaults (Mao 2024; SimpleNet, Liu et al. CVPR 2023).
/// Bind it from configuration (section "TrisimpleNet") or use a preset: <see cref="Paper"/>, <see cref="SimpleNet"/>,
/// <see cref="ResNet18"/>. <see cref="TrisimpleNetOptionsValidator"/> checks it before training.
/// </summary>
public sealed class TrisimpleNetOptions
{
    /// <summary>The configuration section <c>services.AddTrisimpleNet(configuration)</c> binds.</summary>
    public const string SectionName = "TrisimpleNet";

    // Backbone
    /// <summary>torchvision architecture: resnet18 (packaged ONNX weights unless <see cref="BackboneWeightsPath"/>), wide_resnet50_2, resnet50, ...</summary>
    public string Backbone { get; set; } = "wide_resnet50_2";
    /// <summary>PyTorch state-dict file (.pth or .safetensors) for the backbone; null uses the packaged ResNet18.</summary>
    public string? BackboneWeightsPath { get; set; }
    /// <summary>Backbone layers whose features are used, shallowest first.</summary>
    public string[] Layers { get; set; } = ["layer2", "layer3"];

    // Input
    /// <summary>
    /// Shorter image side after resizing (aspect kept), before the centre crop (the paper's transform). Used only when
    /// <see cref="InputHeight"/> and <see cref="InputPixels"/> are unset.
    /// </summary>
    public int Resize { get; set; } = DefaultResize;
    /// <summary>Side of the square centre crop taken after resizing. Used only when <see cref="InputHeight"/> and <see cref="InputPixels"/> are unset.</summary>
    public int CropSize { get; set; } = DefaultCropSize;
    /// <summary>With <see cref="InputWidth"/>: resize the whole image to this size, no crop (for long parts). Takes precedence over <see cref="InputPixels"/>.</summary>
    public int? InputHeight { get; set; }
    /// <summary>With <see cref="InputHeight"/>: resize the whole image to this size, no crop.</summary>
    public int? InputWidth { get; set; }
    /// <summary>
    /// When <see cref="InputHeight"/> and <see cref="InputWidth"/> are unset: resize the whole image, no crop, to about
    /// this many pixels at the training images' aspect ratio (sides multiples of 8; <see cref="Imaging.WholeImageSize"/>).
    /// Training records the size chosen in <see cref="InputHeight"/> and <see cref="InputWidth"/>. The ResNet18 preset
    /// sets 288 x 288 = 82,944, the paper's pixels over the whole image, so that no part of the image goes unseen;
    /// null resizes and centre-crops (<see cref="Resize"/>, <see cref="CropSize"/>).
    /// </summary>
    public int? InputPixels { get; set; }
    /// <summary>
    /// Image files whose header declares more pixels (width x height) than this are refused with an
    /// <see cref="InvalidDataException"/> before decoding, so that a hostile or corrupt header cannot make the decoder
    /// allocate much more than 3.6 bytes per allowed pixel for each image being decoded (measured; at most one per
    /// core at a time). Default 100 megapixels, about 350 MB per image at the limit (docs/reliability.md).
    /// </summary>
    public long MaxImagePixels { get; set; } = Imaging.ImageFiles.DefaultMaxPixels;

    // Features
    /// <summary>Side of the neighbourhood each position is aggregated over (3 in the paper).</summary>
    public int PatchSize { get; set; } = 3;
    /// <summary>Width each layer's patch vector is pooled to (official pretrain_embed_dimension).</summary>
    public int LayerEmbeddingWidth { get; set; } = 1536;
    /// <summary>Width of the combined feature fed to the adaptor (official target_embed_dimension).</summary>
    public int EmbeddingWidth { get; set; } = 1536;
    /// <summary>How layer features are aggregated and combined.</summary>
    public FeatureAggregation Aggregation { get; set; } = FeatureAggregation.OfficialUnfoldPool;

    // Adaptor and discriminator
    /// <summary>Whether the linear feature adaptor has a bias (the official code has one; the paper's text has none).</summary>
    public bool AdaptorBias { get; set; } = true;
    /// <summary>Hidden width of the discriminator.</summary>
    public int DiscriminatorHiddenWidth { get; set; } = 1024;
    /// <summary>Linear layers in the discriminator (official dsc_layers): all but the last are followed by BatchNorm and LeakyReLU.</summary>
    public int DiscriminatorLayers { get; set; } = 2;
    /// <summary>Negative slope of the discriminator's LeakyReLU.</summary>
    public double LeakyReluSlope { get; set; } = 0.2;

    // Noise
    /// <summary>Whether the sigmas below are absolute or multiples of the measured per-dimension spread of the training features.</summary>
    public NoiseScale NoiseScale { get; set; } = NoiseScale.Absolute;
    /// <summary>Standard deviation of the Gaussian noise that makes fake anomalies (sigma).</summary>
    public double FakeAnomalySigma { get; set; } = 0.015;
    /// <summary>Standard deviation of the Gaussian noise that makes fake normals (sigma'); must be smaller than sigma. 0 (an ablation) makes q' = q, so the pull term vanishes.</summary>
    public double FakeNormalSigma { get; set; } = 0.00015;
    /// <summary>
    /// Gradient-ascent steps that harden each fake anomaly towards what the discriminator calls normal, after GLASS
    /// (ECCV 2024); 0 (the default, the paper's method) keeps the plain Gaussian noise. One step added 18-40% to the
    /// training time (KolektorSDD, the preset). With per-pair passes one step is ahead of the plain noise on all
    /// three validation sets (docs/results.md, study 12); hardened from the first epoch it collapsed for one seed in
    /// three with a 512-wide discriminator, which starting in the second epoch prevents (study 15, see
    /// <see cref="FakeAnomalyAscentFromEpoch"/>). See <see cref="Training.GradientAscentSynthesis"/>.
    /// </summary>
    public int FakeAnomalyAscentSteps { get; set; }
    /// <summary>
    /// The first epoch in which <see cref="FakeAnomalyAscentSteps"/> harden the fake anomalies (default 2): the epochs
    /// before it train on the plain noise, so the discriminator first learns the paper's separation. 1 hardens from
    /// the first step (studies 9-12 in docs/results.md). Ignored while <see cref="FakeAnomalyAscentSteps"/> is 0; with
    /// fewer <see cref="Epochs"/> than this, no epoch is hardened.
    /// </summary>
    public int FakeAnomalyAscentFromEpoch { get; set; } = 2;

    // Loss
    /// <summary>TrisimpleNet adds fake normals and the triplet term; SimpleNet uses the truncated L1 loss alone.</summary>
    public TrainingMethod Method { get; set; } = TrainingMethod.TrisimpleNet;
    /// <summary>th+ of the truncated L1 loss (eq. 3.10): normal scores are pushed above it.</summary>
    public double PositiveThreshold { get; set; } = 0.5;
    /// <summary>th- of the truncated L1 loss (eq. 3.10): fake-anomaly scores are pushed below it.</summary>
    public double NegativeThreshold { get; set; } = -0.5;
    /// <summary>alpha, the margin between normal and fake-anomaly scores in the triplet term (eq. 3.11).</summary>
    public double TripletMargin { get; set; } = 1.0;
    /// <summary>Which terms of eq. 3.11 are summed; anything but the default is an ablation.</summary>
    public Losses.TripletTerms TripletTerms { get; set; } = Losses.TripletTerms.MarginAndPull;
    /// <summary>Whose score the fake normals' scores are pulled onto: D(q) (default) or D(q-) (the other reading of eq. 3.11, an ablation).</summary>
    public Losses.PullTarget PullTarget { get; set; } = Losses.PullTarget.Normal;
    /// <summary>
    /// One discriminator pass over q, q- and q' (the paper's eq. 3.8-3.9, the default), or one per pair so that
    /// BatchNorm sees each pair alone (the ResNet18 preset's choice, docs/results.md study 11).
    /// </summary>
    public Training.DiscriminatorPasses DiscriminatorPasses { get; set; } = Training.DiscriminatorPasses.Joint;

    // Training
    /// <summary>Training epochs over the cached features; with <see cref="TrainingSteps"/> set, the most epochs trained.</summary>
    public int Epochs { get; set; } = 160;
    /// <summary>
    /// When set, the length of training in optimiser steps rather than epochs: the trainer runs
    /// round(TrainingSteps / steps per epoch) epochs, at least 1 and at most <see cref="Epochs"/>, where an epoch is
    /// one step per <see cref="BatchSize"/> training images. Whole epochs are kept, so a training set with more steps
    /// per epoch than this still trains one epoch. null (the default, the paper's) trains <see cref="Epochs"/>
    /// epochs. The ResNet18 preset sets it (docs/results.md, study 17).
    /// </summary>
    public int? TrainingSteps { get; set; }
    /// <summary>
    /// How many adaptor-discriminator pairs are trained on the same features, with seeds <see cref="Seed"/>,
    /// Seed + 1000, Seed + 2000, ...; the detector scores their mean. 1 (the default, the paper's) trains one. The
    /// pairs are merged after training into one adaptor and one discriminator EnsembleSize times as wide, so the
    /// detector saves, loads, checkpoints and exports as any other. Training the heads takes EnsembleSize times as
    /// long (the features are extracted once), and so does the scoring head. More than 1 needs the built-in adaptor
    /// and discriminator with two layers. null (the ResNet18 preset's) chooses: 3 pairs when they can merge, and 1
    /// with a custom adaptor or discriminator or other than two layers; the trained detector's options record the
    /// number chosen. Three pairs localised better on the three validation sets of docs/results.md (study 18).
    /// </summary>
    public int? EnsembleSize { get; set; } = 1;
    /// <summary>Images per training step.</summary>
    public int BatchSize { get; set; } = 4;
    /// <summary>Adam learning rate of the feature adaptor.</summary>
    public double AdaptorLearningRate { get; set; } = 1e-4;
    /// <summary>Adam learning rate of the discriminator.</summary>
    public double DiscriminatorLearningRate { get; set; } = 1e-4;
    /// <summary>Weight decay of both Adam optimisers.</summary>
    public double WeightDecay { get; set; } = 1e-5;
    /// <summary>Seed of weight initialisation, shuffling and noise: the same seed gives the same model on CPU.</summary>
    public int Seed { get; set; }
    /// <summary>
    /// Stop when the share of normal scores at or above th+ and the share of fake-anomaly scores below th- have both
    /// been at least <see cref="EarlyStoppingShare"/> for this many consecutive epochs; null trains all epochs.
    /// </summary>
    public int? EarlyStoppingPatience { get; set; }
    /// <summary>The share both training signals must reach for early stopping (0 to 1; 1 means every score).</summary>
    public double EarlyStoppingShare { get; set; } = 0.95;
    /// <summary>
    /// When set, the detector keeps the exponential moving average of the adaptor's and discriminator's weights and
    /// BatchNorm statistics over about this many epochs of training steps (Polyak averaging), instead of the last
    /// step's weights; null (the default, the paper's) keeps the last weights. Early stopping and the epoch reports
    /// still see the last weights. See docs/method.md.
    /// </summary>
    public double? WeightAveragingEpochs { get; set; }
    /// <summary>
    /// Write a training checkpoint to <see cref="CheckpointPath"/> after every this many epochs; null (the default)
    /// writes none. Continue an interrupted run with <see cref="AnomalyDetectorBuilder.ResumeFrom"/>
    /// (docs/reliability.md).
    /// </summary>
    public int? CheckpointEveryEpochs { get; set; }
    /// <summary>The checkpoint file, replaced atomically by each new checkpoint; required with <see cref="CheckpointEveryEpochs"/>.</summary>
    public string? CheckpointPath { get; set; }

    // Execution
    /// <summary>Torch device: "cpu", "cuda", "cuda:1".</summary>
    public string Device { get; set; } = "cpu";
    /// <summary>CPU threads for torch; null leaves torch's default.</summary>
    public int? Threads { get; set; }
    /// <summary>
    /// On Linux with glibc, return freed native memory to the system (malloc_trim) after the feature cache is built,
    /// after training, and after any training step that leaves the resident size more than 512 MiB above the first
    /// step's; otherwise heap fragmentation grows the resident size step by step (docs/performance.md).
    /// </summary>
    public bool LimitNativeHeapGrowth { get; set; } = true;
    /// <summary>
    /// On Linux with glibc, keep large native blocks (tensors above 32 MiB) in malloc's heap for reuse instead of
    /// mapping each one afresh: training steps ran 7x and predictions 2.4x faster on this project's 2-core machines,
    /// which spent most of their time faulting in new pages (docs/performance.md, "Native memory"). A process-wide
    /// glibc setting (mallopt M_MMAP_THRESHOLD 1 GiB and M_TRIM_THRESHOLD 2 GiB), applied once, when a detector is
    /// trained or loaded with it on; it lasts for the process. Default true.
    /// </summary>
    public bool ReuseNativeMemory { get; set; } = true;
    /// <summary>
    /// Precision of the adaptor's and discriminator's large matrix products in training and inference. BFloat16 keeps
    /// float32 weights, optimiser state, noise, BatchNorm and losses, and multiplies in bfloat16 (what autocast does).
    /// Auto (the default) uses bfloat16 only where this CPU multiplies it clearly faster (<see cref="AutoPrecision"/>).
    /// </summary>
    public ComputePrecision Precision { get; set; } = ComputePrecision.Auto;
    /// <summary>
    /// Element type of the cached training features: bfloat16 (the default) halves the cache; Auto stores bfloat16 where
    /// <see cref="AutoPrecision"/> picks it for the products on this CPU, float32 elsewhere.
    /// </summary>
    public ComputePrecision FeatureCachePrecision { get; set; } = ComputePrecision.BFloat16;
    /// <summary>
    /// Bytes the feature cache may take in memory. A larger cache (training images x bytes per image) is written to a
    /// file in <see cref="FeatureCacheFolder"/> while the features are extracted, so it never sits in memory whole, and
    /// each training step reads its images from a memory map of the file: the same detector bit for bit, paged in by
    /// the operating system (its page cache may still hold the file where memory is free). Null (the default) allows
    /// half the memory available to the process (physical memory or a container's limit, as .NET reports it); 0 always
    /// uses a file. See docs/performance.md, "Feature cache on disk".
    /// </summary>
    public long? FeatureCacheMemoryBudget { get; set; }
    /// <summary>
    /// An existing folder for the feature cache file (<see cref="FeatureCacheMemoryBudget"/>); null (the default) uses
    /// the system's temporary folder. The file is preallocated, unlinked once mapped where the system allows it (Linux,
    /// macOS), so nothing is left behind even by a killed process, and otherwise deleted when training ends.
    /// </summary>
    public string? FeatureCacheFolder { get; set; }
    /// <summary>Images per backbone forward pass when extracting features and predicting.</summary>
    public int InferenceBatchSize { get; set; } = 8;

    // Scoring
    /// <summary>Sigma in pixels of the Gaussian smoothing of the upsampled anomaly map.</summary>
    public double SmoothingSigma { get; set; } = 4;
    /// <summary>
    /// Subtract from every image's patch scores what the training images score at each position of the feature grid
    /// (<see cref="Scoring.PositionBias"/>), so that the border and an aligned part's edges do not alarm in every image.
    /// false (the default, the paper's) scores as the paper does; the ResNet18 preset sets it (docs/results.md, study 25).
    /// </summary>
    public bool SubtractPositionBias { get; set; }

    // Decisions
    /// <summary>
    /// Share of the training images held out to calibrate the thresholds (0 to below 1; 0 calibrates on the training
    /// images themselves). At least one image is held out when positive and there are two or more (docs/deployment.md).
    /// </summary>
    public double CalibrationShare { get; set; } = 0.1;
    /// <summary>False-positive rate the image and pixel thresholds are calibrated for on the held-out defect-free images.</summary>
    public double TargetFalsePositiveRate { get; set; } = 0.01;

    /// <summary>The paper's setup: WideResNet50 (weights from <paramref name="wideResNet50WeightsPath"/>), 1536 wide, 160 epochs, batch 4.</summary>
    public static TrisimpleNetOptions Paper(string? wideResNet50WeightsPath = null) => new()
    {
        Backbone = "wide_resnet50_2",
        BackboneWeightsPath = wideResNet50WeightsPath,
    };

    /// <summary>The official SimpleNet run.sh: no fake normals, no triplet term, discriminator lr 2e-4, batch 8, resize 329, crop 288.</summary>
    public static TrisimpleNetOptions SimpleNet(string? wideResNet50WeightsPath = null) => new()
    {
        Backbone = "wide_resnet50_2",
        BackboneWeightsPath = wideResNet50WeightsPath,
        Method = TrainingMethod.SimpleNet,
        DiscriminatorLearningRate = 2e-4,
        BatchSize = 8,
        Resize = 329,
        CropSize = 288,
    };

    /// <summary>
    /// The offline default: the packaged ImageNet ResNet18, with noise relative to the measured feature spread
    /// (the absolute 0.015 was tuned for WideResNet50 features and is too small here) and 384-wide features
    /// (layer2 + layer3 have 384 channels; 1536 costs 4x the training time for no measurable gain on KolektorSDD).
    /// It trains about 240 optimiser steps in whole epochs, however many images there are (5 epochs of KolektorSDD's
    /// 210 images, 24 of 40): the three validation sets of docs/results.md localised best there (study 17), where a
    /// fixed number of epochs gave small training sets too few steps and large ones too many. At most 100 epochs.
    /// (q, q-) and (q, q') go through the discriminator in separate passes, chosen on held-out training images with
    /// painted defects (docs/results.md, study 11). The truncated L1 loss's thresholds are +-1000 instead of the
    /// paper's +-0.5: no score reaches them, so the loss stays linear and keeps pushing every normal score up and every
    /// fake-anomaly score down, which localised better on all three validation sets (studies 16 and 17). Early stopping
    /// (patience 3) stays set for users who lower the thresholds; with these it does not trigger. Three
    /// adaptor-discriminator pairs are trained and merged (<see cref="EnsembleSize"/> null: one with a custom adaptor or
    /// discriminator), which localised better on the validation sets (study 18) at about 2.3x the training time.
    /// The whole image is resized, at the training images' aspect ratio, to about 288 x 288 pixels
    /// (<see cref="InputPixels"/>; 456 x 184 for KolektorSDD, the size its validation chose in study 19) instead of the
    /// paper's centre crop, which leaves a long part's ends and a square image's border unseen (study 23).
    /// See docs/method.md and docs/performance.md.
    /// </summary>
    public static TrisimpleNetOptions ResNet18() => new()
    {
        Backbone = "resnet18",
        Epochs = 100,
        TrainingSteps = ResNet18TrainingSteps,
        EarlyStoppingPatience = 3,
        LayerEmbeddingWidth = 384,
        EmbeddingWidth = 384,
        NoiseScale = NoiseScale.RelativeToFeatureSpread,
        FakeAnomalySigma = ResNet18RelativeFakeAnomalySigma,
        FakeNormalSigma = ResNet18RelativeFakeAnomalySigma / 100,
        DiscriminatorPasses = Training.DiscriminatorPasses.PerPair,
        PositiveThreshold = ResNet18Threshold,
        NegativeThreshold = -ResNet18Threshold,
        EnsembleSize = null,
        InputPixels = ResNet18InputPixels,
        SubtractPositionBias = true,
    };

    internal const int DefaultResize = 329;

    internal const int DefaultCropSize = 288;

    internal const int ResNet18InputPixels = DefaultCropSize * DefaultCropSize;

    internal const double ResNet18RelativeFakeAnomalySigma = 0.3;

    internal const double ResNet18Threshold = 1000;

    internal const int ResNet18TrainingSteps = 240;

    /// <summary>The pairs a null <see cref="EnsembleSize"/> trains when they can merge.</summary>
    internal const int AutomaticEnsembleSize = 3;

    /// <summary>A deep copy.</summary>
    public TrisimpleNetOptions Clone()
    {
        var copy = (TrisimpleNetOptions)MemberwiseClone();
        copy.Layers = (string[])Layers.Clone();
        return copy;
    }
}

/// <summary>How layer features are aggregated into one embedding per position.</summary>
public enum FeatureAggregation
{
    /// <summary>The official SimpleNet code: 3x3 unfold, resize to the first layer's grid, adaptive average pooling of each layer's C*9 vector, then of the stacked layers.</summary>
    OfficialUnfoldPool,
    /// <summary>The paper's text: 3x3 spatial average per layer, resize to the first layer's grid, concatenate, project to the width by adaptive average pooling.</summary>
    SpatialAverageConcat,
}

/// <summary>How the noise sigmas are read.</summary>
public enum NoiseScale
{
    /// <summary>Sigmas are absolute standard deviations, as in the paper.</summary>
    Absolute,
    /// <summary>Sigmas are multiples of the mean per-dimension standard deviation of the cached training features.</summary>
    RelativeToFeatureSpread,
}

/// <summary>Which training objective is used.</summary>
public enum TrainingMethod
{
    /// <summary>Truncated L1 plus fake normals and the triplet term.</summary>
    TrisimpleNet,
    /// <summary>Truncated L1 on normal and fake-anomalous features only.</summary>
    SimpleNet,
}

/// <summary>Floating-point precision of a computation or a cache.</summary>
public enum ComputePrecision
{
    /// <summary>IEEE single precision.</summary>
    Float32,
    /// <summary>bfloat16: float32's range with 8 bits of mantissa; fast on CPUs with AVX-512 BF16 / AMX and on CUDA.</summary>
    BFloat16,
    /// <summary>bfloat16 where this CPU multiplies it clearly faster than float32 (measured once per process), else float32.</summary>
    Auto,
}
