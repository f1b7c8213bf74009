using TrisimpleNet.Data.Synthetic;
using TrisimpleNet.Quickstart;

namespace TrisimpleNet.Samples.Tests;

/// <summary>Quickstart settings small enough for a test: one 64 x 64 texture, a few images, one epoch, width 64.</summary>
public static class TinyQuickstart
{
    public const int ImageSize = 64;

    public static QuickstartSettings Settings(string outputFolder) => new()
    {
        OutputFolder = outputFolder,
        Epochs = 1,
        ImageSize = ImageSize,
        EmbeddingWidth = 64,
        DiscriminatorHiddenWidth = 32,
        Synthetic = new SyntheticSurfaceOptions
        {
            ImageSize = ImageSize,
            TrainCount = 4,
            TestGoodCount = 2,
            TestCountPerDefect = 1,
            Textures = [new GrainyStoneTexture()],
            Seed = 1,
        },
    };
}
