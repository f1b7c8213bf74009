using TrisimpleNet.Features;
using TrisimpleNet.Imaging;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests;

public class NnpackSwitchTests
{
    [Fact]
    public void AFeatureExtractorSwitchesNnpackOffWhereLibtorchConvolvesWithOneDnn()
    {
        using var backbone = new TinyBackbone();

        _ = new FeatureExtractor(ImagePreprocessor.ResizeWhole(32, 32), backbone, new SpatialAverageAggregator(patchSize: 3, outputWidth: 16), CPU);

        // The x64 libtorch these tests run on has oneDNN; the switch is read back from libtorch itself.
        Assert.False(NnpackSwitch.IsEnabled());
    }
}
