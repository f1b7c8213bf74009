using TorchSharp;
using TrisimpleNet.Backbones;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Backbones;

/// <summary>Which layers a backbone returns, their shapes, and that it builds nothing beyond the deepest requested one.</summary>
public sealed class ResNetBackboneLayerTests
{
    [Fact]
    public void DefaultLayersAreLayer2AndLayer3AtStrides8And16()
    {
        using var scope = NewDisposeScope();
        using var backbone = Backbone.ResNet18Onnx();

        var layers = backbone.Extract(rand(2, 3, 288, 288));

        Assert.Equal(["layer2", "layer3"], backbone.Descriptor.Layers);
        Assert.Equal([128, 256], backbone.LayerChannels);
        Assert.Equal(new long[] { 2, 128, 36, 36 }, layers[0].shape);
        Assert.Equal(new long[] { 2, 256, 18, 18 }, layers[1].shape);
    }

    [Fact]
    public void OnnxDescriptorNamesResNet18WithoutAPathUnlessGiven()
    {
        using var backbone = Backbone.ResNet18Onnx(["layer3", "layer1"]);

        Assert.Equal(new BackboneDescriptor("resnet18", "onnx", null, null, backbone.Descriptor.Layers), backbone.Descriptor);
        Assert.Equal(["layer1", "layer3"], backbone.Descriptor.Layers);
    }

    [Fact]
    public void NetworkIsBuiltOnlyUpToTheDeepestRequestedLayer()
    {
        using var network = new ResNet(ResNetArchitecture.FromName("resnet18"), 2);

        var keys = network.state_dict().Keys.ToList();

        Assert.Contains("layer2.0.downsample.0.weight", keys);
        Assert.Contains("bn1.running_mean", keys);
        Assert.DoesNotContain(keys, k => k.StartsWith("layer3.") || k.StartsWith("layer4.") || k.StartsWith("fc."));
    }

    [Fact]
    public void TorchvisionKeyNamesLineUp()
    {
        using var network = new ResNet(ResNetArchitecture.FromName("wide_resnet50_2"), 4);

        var shapes = network.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);

        Assert.Equal(new long[] { 64, 3, 7, 7 }, shapes["conv1.weight"]);
        Assert.Equal(new long[] { 128, 64, 1, 1 }, shapes["layer1.0.conv1.weight"]);
        Assert.Equal(new long[] { 256, 64, 1, 1 }, shapes["layer1.0.downsample.0.weight"]);
        Assert.Equal(new long[] { 512 }, shapes["layer2.0.downsample.1.running_var"]);
        Assert.Equal(new long[] { 2048, 1024, 1, 1 }, shapes["layer4.0.downsample.0.weight"]);
        Assert.Equal(new long[] { 1024, 1024, 3, 3 }, shapes["layer4.2.conv2.weight"]);
        // torchvision's wide_resnet50_2 state dict has 320 entries, two of them fc.weight and fc.bias.
        Assert.Equal(318, shapes.Count);
    }

    [Fact]
    public void UnknownLayerIsAnErrorNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => Backbone.ResNet18Onnx(["layer5"]));

        Assert.Contains("'layer5'", error.Message);
    }

    [Fact]
    public void MissingOnnxFileIsAnErrorNamingIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Backbone.ResNet18Onnx(onnxPath: "/nowhere/ResNet18.onnx"));

        Assert.Contains("/nowhere/ResNet18.onnx", error.Message);
    }
}
