using static TorchSharp.torch;

namespace TrisimpleNet.Backbones;

/// <summary>How the stride-2 windows of a ResNet (stem conv, max pool, first conv of a stage) are padded.</summary>
public enum ResNetPadding
{
    /// <summary>torchvision: kernel/2 on every side.</summary>
    Torchvision,

    /// <summary>
    /// The CNTK export in the ResNet18 ONNX package: kernel/2 before and kernel/2 - 1 after (never negative),
    /// so the 7x7 stem pads 3 then 2, stride-2 3x3 windows pad 1 then 0. Same result as torchvision for even sizes,
    /// one output row or column fewer for odd ones.
    /// </summary>
    Cntk,
}

/// <summary>Applies a <see cref="ResNetPadding"/> to one window: either inside the module (symmetric) or explicitly before it.</summary>
internal static class StridedWindowPadding
{
    /// <summary>The symmetric padding to give the Conv2d or MaxPool2d itself.</summary>
    public static long ModulePadding(ResNetPadding padding, long kernel, long stride) =>
        IsExplicit(padding, stride) ? 0 : kernel / 2;

    /// <summary>Pads <paramref name="input"/> (N x C x H x W) before a window that has <see cref="ModulePadding"/> 0, else returns it unchanged.</summary>
    public static Tensor PadBefore(Tensor input, ResNetPadding padding, long kernel, long stride, double fill = 0)
    {
        if (!IsExplicit(padding, stride))
            return input;
        var before = kernel / 2;
        var after = Math.Max(0, kernel / 2 - 1);
        return before == 0 && after == 0 ? input : nn.functional.pad(input, [before, after, before, after], value: fill);
    }

    /// <summary>The (before, after) padding of one spatial axis, as ONNX lists it.</summary>
    public static (long Before, long After) Pads(ResNetPadding padding, long kernel, long stride) =>
        IsExplicit(padding, stride) ? (kernel / 2, Math.Max(0, kernel / 2 - 1)) : (kernel / 2, kernel / 2);

    private static bool IsExplicit(ResNetPadding padding, long stride) => padding == ResNetPadding.Cntk && stride > 1;
}
