using TrisimpleNet.Data.Synthetic;

namespace TrisimpleNet.Quickstart;

/// <summary>What the quickstart runs on and how long it trains; the defaults finish in a few minutes on a laptop CPU.</summary>
public sealed record QuickstartSettings
{
    /// <summary>An MVTec-layout category folder of the user's, or null for the generated synthetic surfaces.</summary>
    public string? DataFolder { get; init; }

    /// <summary>Where datasets, models and pictures are written (cleared when a previous quickstart wrote it).</summary>
    public string OutputFolder { get; init; } = "quickstart-output";

    /// <summary>Training epochs per category.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>The network input has ImageSize x ImageSize pixels: the whole image at its own aspect ratio (InputPixels).</summary>
    public int ImageSize { get; init; } = 128;

    /// <summary>EmbeddingWidth and LayerEmbeddingWidth.</summary>
    public int EmbeddingWidth { get; init; } = 384;

    /// <summary>DiscriminatorHiddenWidth.</summary>
    public int DiscriminatorHiddenWidth { get; init; } = 256;

    /// <summary>
    /// EnsembleSize, or null for the preset's three merged pairs. One pair trains in about 40% of the time and
    /// localises less well (docs/performance.md, "The Quickstart on a float32 CPU").
    /// </summary>
    public int? EnsembleSize { get; init; }

    /// <summary>The synthetic dataset generated when <see cref="DataFolder"/> is null.</summary>
    public SyntheticSurfaceOptions Synthetic { get; init; } = new() { ImageSize = 128, TrainCount = 40, TestGoodCount = 12, TestCountPerDefect = 4 };

    /// <summary>The detector options: the ResNet18 preset at this size, width and number of pairs, on every core.</summary>
    public TrisimpleNetOptions DetectorOptions()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.InputPixels = ImageSize * ImageSize;
        options.EmbeddingWidth = EmbeddingWidth;
        options.LayerEmbeddingWidth = EmbeddingWidth;
        options.DiscriminatorHiddenWidth = DiscriminatorHiddenWidth;
        options.Epochs = Epochs;
        if (EnsembleSize is int pairs) options.EnsembleSize = pairs;
        options.Threads = Environment.ProcessorCount;
        return options;
    }
}
