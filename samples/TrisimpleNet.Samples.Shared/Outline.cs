using static TorchSharp.torch;

namespace TrisimpleNet.Samples;

/// <summary>The outline of a binary mask: the mask's pixels with a 4-neighbour outside it (or on the image border), thickened.</summary>
public static class Outline
{
    /// <summary>
    /// The outline of <paramref name="mask"/> (H x W, bool), grown to <paramref name="thickness"/> pixels by a square
    /// dilation so it stays visible on large images.
    /// </summary>
    public static Tensor Of(Tensor mask, int thickness)
    {
        using var scope = NewDisposeScope();
        var padded = nn.functional.pad(mask.to(ScalarType.Float32).unsqueeze(0).unsqueeze(0), [1, 1, 1, 1]);
        // A pixel is interior when it and its four neighbours are all in the mask (outside the image counts as out).
        var interior = padded.narrow(2, 0, mask.shape[0]).narrow(3, 1, mask.shape[1])
            .minimum(padded.narrow(2, 2, mask.shape[0]).narrow(3, 1, mask.shape[1]))
            .minimum(padded.narrow(2, 1, mask.shape[0]).narrow(3, 0, mask.shape[1]))
            .minimum(padded.narrow(2, 1, mask.shape[0]).narrow(3, 2, mask.shape[1]))
            .squeeze(0).squeeze(0).to(ScalarType.Bool);
        var boundary = mask.logical_and(interior.logical_not());
        if (thickness <= 1) return boundary.MoveToOuterDisposeScope();
        int radius = thickness / 2;
        var grown = nn.functional.max_pool2d(boundary.to(ScalarType.Float32).unsqueeze(0).unsqueeze(0),
            kernel_size: 2 * radius + 1, stride: 1, padding: radius);
        return grown.squeeze(0).squeeze(0).to(ScalarType.Bool).MoveToOuterDisposeScope();
    }

    /// <summary>A line thickness that reads at the image's size: one pixel per 300 pixels of the longer side, at least one.</summary>
    public static int ThicknessFor(int width, int height) => Math.Max(1, (int)Math.Round(Math.Max(width, height) / 300.0));
}
