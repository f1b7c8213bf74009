using static TorchSharp.torch;

namespace TrisimpleNet.Backbones;

/// <summary>How the stride-2 stem of a ResNet (7x7 conv and 3x3 max pool) is padded.</summary>
public enum ResNetPadding
{
    /// <summary>torchvision: kernel/2 on every side (3 for the 7x7 conv, 1 for the max pool).</summary>
    Torchvision,

    /// <summary>
    /// ResNet18.onnx (a CNTK export): the 7x7 conv pads 3 before and 2 after, the max pool 1 before and 0 after.
    /// Same maps as torchvision for even input sizes; for odd ones the stem yields one row or column fewer.
    /// </summary>
    Cntk,
}

/// <summary>Applies a <see cref="ResNetPadding"/> to a stem window: inside the module (symmetric) or explicitly before it.</summary>
internal static class StemPadding
{
    /// <summary>The symmetric padding to give the Conv2d or MaxPool2d itself.</summary>
    public static long ModulePadding(ResNetPadding padding, long kernel) => padding == ResNetPadding.Cntk ? 0 : kernel / 2;

    /// <summary>
    /// Pads <paramref name="input"/> (N x C x H x W) by kernel/2 before and kernel/2 - 1 after when the padding is
    /// <see cref="ResNetPadding.Cntk"/>; otherwise returns it unchanged.
    /// </summary>
    public static Tensor PadBefore(Tensor input, ResNetPadding padding, long kernel, double fill = 0)
    {
        if (padding != ResNetPadding.Cntk)
            return input;
        var (before, after) = (kernel / 2, kernel / 2 - 1);
        return nn.functional.pad(input, [before, after, before, after], value: fill);
    }
}
