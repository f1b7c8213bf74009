using TorchSharp;
using TorchSharp.PyBridge;
using TrisimpleNet.Backbones;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>
/// A backbone weights file that does not fit the architecture, or is no state dict at all, is an
/// <see cref="InvalidDataException"/> naming the file and what is wrong (missing and mis-shaped keys of .pth files
/// are covered in Backbones/StateDictBackboneTests).
/// </summary>
public sealed class BadWeightsFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-weights-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void Resnet34WeightsGivenAsResnet18AreRefusedNamingAnExtraBlock(string extension)
    {
        using var scope = NewDisposeScope();
        var path = Save(StateDict("resnet34"), "resnet34" + extension);

        var error = Assert.Throws<InvalidDataException>(() => Backbone.FromStateDict("resnet18", path, ["layer1"]));

        Assert.Contains(path, error.Message);
        Assert.Contains("'layer1.2.bn1.bias'", error.Message);
        Assert.Contains("another architecture", error.Message);
    }

    [Fact]
    public void ExtraKeyInsideABuiltStageIsRefusedNamingIt()
    {
        using var scope = NewDisposeScope();
        var stateDict = StateDict("resnet18");
        stateDict["layer1.0.conv3.weight"] = zeros(64, 64, 1, 1);
        var path = Save(stateDict, "extra.pth");

        var error = Assert.Throws<InvalidDataException>(() => Backbone.FromStateDict("resnet18", path, ["layer1"]));

        Assert.Contains("1 key(s) the network does not have, such as 'layer1.0.conv3.weight'", error.Message);
    }

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void ExtraKeysOfPartsNotBuiltAreIgnoredAsPyTorchNonStrictLoadingDoes(string extension)
    {
        using var scope = NewDisposeScope();
        var stateDict = StateDict("resnet18", stages: 2);
        stateDict["fc.weight"] = zeros(1000, 512);
        stateDict["projection_head.weight"] = zeros(128, 512);
        var path = Save(stateDict, "with-head" + extension);

        using var backbone = Backbone.FromStateDict("resnet18", path, ["layer2"]);

        Assert.Equal(new long[] { 1, 128, 8, 8 }, Assert.Single(backbone.Extract(rand(1, 3, 64, 64))).shape);
    }

    [Fact]
    public void MissingKeyInSafetensorsIsRefusedNamingIt()
    {
        using var scope = NewDisposeScope();
        var stateDict = StateDict("resnet18", stages: 2);
        stateDict.Remove("layer2.1.conv2.weight");
        var path = Save(stateDict, "missing.safetensors");

        var error = Assert.Throws<InvalidDataException>(() => Backbone.FromStateDict("resnet18", path, ["layer2"]));

        Assert.Contains(path, error.Message);
        Assert.Contains("has no key 'layer2.1.conv2.weight'", error.Message);
    }

    [Fact]
    public void MisShapedKeyInSafetensorsIsRefusedNamingShapes()
    {
        using var scope = NewDisposeScope();
        var stateDict = StateDict("resnet18");
        stateDict["bn1.running_mean"] = zeros(32);
        var path = Save(stateDict, "wrong-shape.safetensors");

        var error = Assert.Throws<InvalidDataException>(() => Backbone.FromStateDict("resnet18", path, ["layer1"]));

        Assert.Contains("key 'bn1.running_mean' has shape [32], expected [64]", error.Message);
    }

    [Theory]
    [InlineData("notes.pth")]
    [InlineData("notes.safetensors")]
    public void TextFileIsNotAStateDict(string fileName)
    {
        var path = Path.Combine(_folder, fileName);
        File.WriteAllText(path, "weights are on the other share\n");

        var error = Assert.Throws<InvalidDataException>(() => Backbone.FromStateDict("resnet18", path));

        Assert.Contains($"State-dict file '{path}' could not be read as a", error.Message);
    }

    [Theory]
    [InlineData("empty.pth")]
    [InlineData("empty.safetensors")]
    public void EmptyFileIsNotAStateDict(string fileName)
    {
        var path = Path.Combine(_folder, fileName);
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<InvalidDataException>(() => Backbone.FromStateDict("resnet18", path));

        Assert.Contains(path, error.Message);
    }

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void TruncatedFileIsRefusedNamingIt(string extension)
    {
        using var scope = NewDisposeScope();
        var path = Save(StateDict("resnet18"), "truncated" + extension);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => Backbone.FromStateDict("resnet18", path, ["layer1"]));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void UnknownExtensionNamesTheAcceptedOnes()
    {
        var path = Path.Combine(_folder, "resnet18.onnx");
        File.WriteAllBytes(path, [1, 2, 3]);

        var error = Assert.Throws<ArgumentException>(() => Backbone.FromStateDict("resnet18", path));

        Assert.Contains("expected .pth, .pt, .bin (torch.save) or .safetensors", error.Message);
    }

    [Fact]
    public void MissingFileIsFileNotFoundNamingIt()
    {
        var path = Path.Combine(_folder, "absent.pth");

        var error = Assert.Throws<FileNotFoundException>(() => Backbone.FromStateDict("resnet18", path));

        Assert.Equal(path, error.FileName);
    }

    // Copies: the network's own tensors die with it.
    // The stem and the first stages only: small files, and the backbones below request no deeper layer.
    private static Dictionary<string, Tensor> StateDict(string architecture, int stages = 1)
    {
        using var network = new ResNet(ResNetArchitecture.FromName(architecture), stages);
        return network.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.detach().clone());
    }

    private string Save(Dictionary<string, Tensor> stateDict, string fileName)
    {
        var path = Path.Combine(_folder, fileName);
        if (fileName.EndsWith(".safetensors"))
            Safetensors.SaveStateDict(path, stateDict);
        else
            PyTorchPickler.PickleStateDict(path, stateDict);
        return path;
    }
}
