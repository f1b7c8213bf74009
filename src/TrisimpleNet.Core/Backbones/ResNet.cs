using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace TrisimpleNet.Backbones;

/// <summary>
/// torchvision's ResNet as a feature extractor: the same module names (conv1, bn1, relu, maxpool, layer1..layer4),
/// so torchvision state-dict keys line up, but built only up to the deepest stage needed, without avgpool and fc.
/// <see cref="forward"/> returns the output of every stage it has, shallowest first.
/// </summary>
internal sealed class ResNet : Module<Tensor, Tensor[]>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly ReLU relu;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential? layer2;
    private readonly Sequential? layer3;
    private readonly Sequential? layer4;
    private readonly ResNetPadding _padding;

    /// <param name="architecture">Block type, blocks per stage and width.</param>
    /// <param name="stageCount">How many stages to build, 1 (layer1 only) to 4.</param>
    /// <param name="padding">Padding of the stem's stride-2 conv and max pool.</param>
    public ResNet(ResNetArchitecture architecture, int stageCount, ResNetPadding padding = ResNetPadding.Torchvision) : base(nameof(ResNet))
    {
        if (stageCount is < 1 or > 4)
            throw new ArgumentOutOfRangeException(nameof(stageCount), stageCount, "A ResNet has 1 to 4 stages.");
        Architecture = architecture;
        _padding = padding;
        conv1 = Conv2d(3, 64, 7, stride: 2, padding: StemPadding.ModulePadding(padding, 7), bias: false);
        bn1 = BatchNorm2d(64);
        relu = ReLU(inplace: true);
        maxpool = MaxPool2d(3, stride: 2, padding: StemPadding.ModulePadding(padding, 3));

        var stages = new Sequential[stageCount];
        long inplanes = 64;
        for (var stage = 0; stage < stageCount; stage++)
            stages[stage] = MakeStage(architecture, stage, ref inplanes);
        layer1 = stages[0];
        layer2 = stages.ElementAtOrDefault(1);
        layer3 = stages.ElementAtOrDefault(2);
        layer4 = stages.ElementAtOrDefault(3);
        RegisterComponents();
    }

    public ResNetArchitecture Architecture { get; }

    /// <summary>How the stem is padded.</summary>
    public ResNetPadding Padding => _padding;

    public override Tensor[] forward(Tensor input)
    {
        var stem = conv1.call(StemPadding.PadBefore(input, _padding, 7));
        stem = relu.call(bn1.call(stem));
        // Padding with -inf keeps the max of each window that of the real values, as ONNX MaxPool does.
        var features = maxpool.call(StemPadding.PadBefore(stem, _padding, 3, double.NegativeInfinity));
        var stageOutputs = new List<Tensor>(4);
        foreach (var stage in new[] { layer1, layer2, layer3, layer4 })
        {
            if (stage is null)
                break;
            features = stage.call(features);
            stageOutputs.Add(features);
        }
        return stageOutputs.ToArray();
    }

    // torchvision's ResNet._make_layer.
    private static Sequential MakeStage(ResNetArchitecture architecture, int stage, ref long inplanes)
    {
        long planes = ResNetArchitecture.StagePlanes[stage];
        long stride = stage == 0 ? 1 : 2;
        var outplanes = planes * architecture.Expansion;
        Sequential? downsample = null;
        if (stride != 1 || inplanes != outplanes)
            downsample = Sequential(Conv2d(inplanes, outplanes, 1, stride: stride, bias: false), BatchNorm2d(outplanes));

        var blocks = new List<Module<Tensor, Tensor>>();
        for (var block = 0; block < architecture.BlocksPerStage[stage]; block++)
        {
            var blockStride = block == 0 ? stride : 1;
            var blockDownsample = block == 0 ? downsample : null;
            blocks.Add(architecture.UsesBottleneck
                ? new Bottleneck(inplanes, planes, blockStride, blockDownsample, architecture.WidthPerGroup)
                : new BasicBlock(inplanes, planes, blockStride, blockDownsample));
            inplanes = outplanes;
        }
        return Sequential(blocks);
    }
}
