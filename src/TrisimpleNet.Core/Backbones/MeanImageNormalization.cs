using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TrisimpleNet.Backbones;

/// <summary>
/// The input normalisation of the ResNet18 ONNX package (what ResNetPreprocess.onnx does): RGB in [0, 1] becomes BGR in
/// [0, 255] minus a 224 x 224 mean image. For other input sizes the mean image is resized bilinearly (half-pixel centres,
/// as torchvision's resize) to the input size, so that each pixel is offset by the mean of the same relative position.
/// </summary>
internal sealed class MeanImageNormalization : Module<Tensor, Tensor>
{
    private readonly Tensor mean_image;

    /// <param name="meanImageBgr">1 x 3 x h x w mean image, BGR, 0-255.</param>
    public MeanImageNormalization(Tensor meanImageBgr) : base(nameof(MeanImageNormalization))
    {
        mean_image = meanImageBgr;
        RegisterComponents();
    }

    public override Tensor forward(Tensor rgb)
    {
        var size = new[] { rgb.shape[2], rgb.shape[3] };
        var mean = size.SequenceEqual(mean_image.shape[2..])
            ? mean_image
            : functional.interpolate(mean_image, size, mode: InterpolationMode.Bilinear, align_corners: false);
        using Scalar byteScale = 255;
        return rgb.flip(1).mul_(byteScale).sub_(mean);
    }
}
