using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TrisimpleNet.Backbones;

/// <summary>torchvision's ResNet BasicBlock: two 3x3 convolutions with a residual connection (resnet18, resnet34).</summary>
internal sealed class BasicBlock : Module<Tensor, Tensor>
{
    public const int Expansion = 1;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    public BasicBlock(long inplanes, long planes, long stride, Sequential? downsample) : base(nameof(BasicBlock))
    {
        conv1 = Conv2d(inplanes, planes, 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNorm2d(planes);
        relu = ReLU(inplace: true);
        conv2 = Conv2d(planes, planes, 3, padding: 1, bias: false);
        bn2 = BatchNorm2d(planes);
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var output = relu.call(bn1.call(conv1.call(input)));
        output = bn2.call(conv2.call(output));
        var identity = downsample is null ? input : downsample.call(input);
        using Scalar one = 1;
        return relu.call(output.add_(identity, one));
    }
}
