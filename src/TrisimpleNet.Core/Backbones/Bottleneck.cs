using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TrisimpleNet.Backbones;

/// <summary>
/// torchvision's ResNet Bottleneck (v1.5: the stride sits on the 3x3 convolution): 1x1 reduce, 3x3, 1x1 expand by 4,
/// with a residual connection (resnet50, resnet101, wide_resnet50_2, wide_resnet101_2).
/// </summary>
internal sealed class Bottleneck : Module<Tensor, Tensor>
{
    public const int Expansion = 4;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly ReLU relu;
    private readonly Sequential? downsample;

    public Bottleneck(long inplanes, long planes, long stride, Sequential? downsample, long widthPerGroup)
        : base(nameof(Bottleneck))
    {
        var width = planes * widthPerGroup / 64;
        conv1 = Conv2d(inplanes, width, 1, bias: false);
        bn1 = BatchNorm2d(width);
        conv2 = Conv2d(width, width, 3, stride: stride, padding: 1, bias: false);
        bn2 = BatchNorm2d(width);
        conv3 = Conv2d(width, planes * Expansion, 1, bias: false);
        bn3 = BatchNorm2d(planes * Expansion);
        relu = ReLU(inplace: true);
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var output = relu.call(bn1.call(conv1.call(input)));
        output = relu.call(bn2.call(conv2.call(output)));
        output = bn3.call(conv3.call(output));
        var identity = downsample is null ? input : downsample.call(input);
        using Scalar one = 1;
        return relu.call(output.add_(identity, one));
    }
}
