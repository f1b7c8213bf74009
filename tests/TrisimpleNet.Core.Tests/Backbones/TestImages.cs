using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TorchSharp;
using TrisimpleNet.Imaging;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Backbones;

/// <summary>Real images as backbone input: 1 x 3 x H x W float32 RGB in [0, 1].</summary>
internal static class TestImages
{
    public static Tensor Load(string path, int height, int width)
    {
        using var image = ImageFiles.LoadRgb(path);
        image.Mutate(x => x.Resize(width, height));
        var bytes = new byte[height * width * 3];
        image.CopyPixelDataTo(bytes);
        using var hwc = tensor(bytes, [height, width, 3]);
        return hwc.permute(2, 0, 1).unsqueeze(0).to(ScalarType.Float32).div_(255);
    }

    /// <summary>max |actual - expected| / max |expected|: the error relative to the tensor's scale.</summary>
    public static double MaxRelativeDifference(Tensor actual, Tensor expected)
    {
        using var scope = NewDisposeScope();
        return (actual - expected).abs().max().item<float>() / expected.abs().max().item<float>();
    }
}
