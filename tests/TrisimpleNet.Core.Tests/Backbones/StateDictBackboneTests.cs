using TorchSharp;
using TorchSharp.PyBridge;
using TrisimpleNet.Backbones;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Backbones;

/// <summary>torchvision ResNets load from .pth and .safetensors state dicts and compute what the saved module computes.</summary>
public sealed class StateDictBackboneTests : IDisposable
{
    private static readonly string[] AllLayers = ["layer1", "layer2", "layer3", "layer4"];
    private static readonly ResNetArchitecture NarrowBottleneck = new("narrow_bottleneck", true, [1, 1, 1, 1], 16);
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-backbones-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string> Architectures => new()
    {
        { "resnet18", ".pth" },
        { "resnet18", ".safetensors" },
        { "narrow_bottleneck", ".pth" },
        { "narrow_bottleneck", ".safetensors" },
    };

    [Theory]
    [MemberData(nameof(Architectures))]
    public void LoadedBackboneComputesWhatTheSavedNetworkComputes(string architectureName, string extension)
    {
        using var scope = NewDisposeScope();
        var architecture = architectureName == NarrowBottleneck.Name ? NarrowBottleneck : ResNetArchitecture.FromName(architectureName);
        var saved = RandomResNet(architecture);
        var path = Save(saved, "weights" + extension);
        var rgb = rand(2, 3, 64, 96, generator: new Generator(7));

        using var backbone = Backbone.FromStateDict(architecture, path, AllLayers);
        var actual = backbone.Extract(rgb);

        Tensor[] expected;
        using (no_grad())
            expected = saved.call(new ImageNetNormalization().call(rgb));
        Assert.Equal(4, actual.Length);
        for (var layer = 0; layer < 4; layer++)
            Assert.True(expected[layer].allclose(actual[layer], rtol: 0, atol: 0), $"layer{layer + 1} differs");
        Assert.Equal(architecture.StageChannels, backbone.LayerChannels);
    }

    [Fact]
    public void DescriptorRecordsArchitectureLayersAndSha256()
    {
        using var scope = NewDisposeScope();
        var path = Save(RandomResNet(ResNetArchitecture.FromName("resnet18")), "resnet18.pth");

        using var backbone = Backbone.FromStateDict("resnet18", path, ["layer3", "layer2"]);

        var expectedSha = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
        Assert.Equal(new BackboneDescriptor("resnet18", "state-dict", path, expectedSha, ["layer2", "layer3"]) with { Layers = backbone.Descriptor.Layers },
            backbone.Descriptor);
        Assert.Equal(["layer2", "layer3"], backbone.Descriptor.Layers);
    }

    [Fact]
    public void MissingKeyIsAnErrorNamingKeyAndFile()
    {
        using var scope = NewDisposeScope();
        var stateDict = RandomResNet(ResNetArchitecture.FromName("resnet18")).state_dict();
        stateDict.Remove("layer2.0.bn1.running_var");
        var path = Path.Combine(_folder, "missing.pth");
        PyTorchPickler.PickleStateDict(path, stateDict);

        var error = Assert.Throws<InvalidDataException>(() => Backbone.FromStateDict("resnet18", path));

        Assert.Contains("'layer2.0.bn1.running_var'", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void WrongShapeIsAnErrorNamingKeyAndShapes()
    {
        using var scope = NewDisposeScope();
        var stateDict = RandomResNet(ResNetArchitecture.FromName("resnet18")).state_dict();
        stateDict["layer1.0.conv1.weight"] = zeros(64, 64, 1, 1);
        var path = Path.Combine(_folder, "wrong-shape.pth");
        PyTorchPickler.PickleStateDict(path, stateDict);

        var error = Assert.Throws<InvalidDataException>(() => Backbone.FromStateDict("resnet18", path));

        Assert.Contains("'layer1.0.conv1.weight' has shape [64, 64, 1, 1], expected [64, 64, 3, 3]", error.Message);
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void KeysBeyondTheDeepestRequestedLayerAreNeitherNeededNorLoaded()
    {
        using var scope = NewDisposeScope();
        var stateDict = RandomResNet(ResNetArchitecture.FromName("resnet18")).state_dict();
        foreach (var key in stateDict.Keys.Where(k => k.StartsWith("layer2.") || k.StartsWith("layer3.") || k.StartsWith("layer4.")).ToList())
            stateDict.Remove(key);
        var path = Path.Combine(_folder, "stem-and-layer1.pth");
        PyTorchPickler.PickleStateDict(path, stateDict);

        using var backbone = Backbone.FromStateDict("resnet18", path, ["layer1"]);
        var layers = backbone.Extract(rand(1, 3, 64, 64));

        Assert.Equal(new long[] { 1, 64, 16, 16 }, Assert.Single(layers).shape);
    }

    [Fact]
    public void DescriptorRebuildsTheBackboneAndRejectsAChangedFile()
    {
        using var scope = NewDisposeScope();
        var path = Save(RandomResNet(ResNetArchitecture.FromName("resnet18")), "resnet18.safetensors");
        using var original = Backbone.FromStateDict("resnet18", path);
        var rgb = rand(1, 3, 64, 64);

        using (var rebuilt = Backbone.Create(original.Descriptor))
            Assert.True(rebuilt.Extract(rgb)[1].allclose(original.Extract(rgb)[1], rtol: 0, atol: 0));

        Save(RandomResNet(ResNetArchitecture.FromName("resnet18")), "resnet18.safetensors");
        var error = Assert.Throws<InvalidDataException>(() => Backbone.Create(original.Descriptor));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void UnknownArchitectureIsAnErrorListingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => Backbone.FromStateDict("resnet19", "weights.pth"));

        Assert.Contains("'resnet19'", error.Message);
        Assert.Contains("wide_resnet50_2", error.Message);
    }

    // A ResNet with random weights and random BatchNorm statistics (so that buffers must load too), in eval mode.
    private static ResNet RandomResNet(ResNetArchitecture architecture)
    {
        var network = new ResNet(architecture, 4);
        using (no_grad())
        {
            foreach (var (key, buffer) in network.named_buffers())
            {
                if (key.EndsWith("running_mean"))
                    buffer.normal_();
                else if (key.EndsWith("running_var"))
                    buffer.uniform_(0.5, 2);
            }
        }
        network.eval();
        return network;
    }

    private string Save(ResNet network, string fileName)
    {
        var path = Path.Combine(_folder, fileName);
        if (fileName.EndsWith(".safetensors"))
            network.save_safetensors(path);
        else
            network.save_py(path);
        return path;
    }
}
