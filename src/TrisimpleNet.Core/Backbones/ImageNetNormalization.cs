using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TrisimpleNet.Backbones;

/// <summary>
/// torchvision's ImageNet input normalisation: RGB in [0, 1], minus mean (0.485, 0.456, 0.406), divided by std
/// (0.229, 0.224, 0.225), per channel.
/// </summary>
internal sealed class ImageNetNormalization : Module<Tensor, Tensor>
{
    private readonly Tensor mean;
    private readonly Tensor std;

    public ImageNetNormalization() : base(nameof(ImageNetNormalization))
    {
        mean = tensor(new[] { 0.485f, 0.456f, 0.406f }).reshape(1, 3, 1, 1);
        std = tensor(new[] { 0.229f, 0.224f, 0.225f }).reshape(1, 3, 1, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor rgb) => (rgb - mean).div_(std);
}
