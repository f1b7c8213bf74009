using System.Security.Cryptography;
using TrisimpleNet.Backbones.Onnx;
using static TorchSharp.torch;

namespace TrisimpleNet.Backbones;

/// <summary>
/// Creates backbones: the packaged ImageNet ResNet18 (ONNX, works offline), a torchvision ResNet from a state-dict
/// file, or whatever a saved <see cref="BackboneDescriptor"/> describes.
/// </summary>
public static class Backbone
{
    public const string OnnxFormat = "onnx";
    public const string StateDictFormat = "state-dict";

    /// <summary>
    /// The ImageNet ResNet18 of NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18, imported from ONNX.
    /// </summary>
    /// <param name="layers">layer1..layer4; default layer2 and layer3.</param>
    /// <param name="onnxPath">ResNet18.onnx; default: the application folder's DnnImageModels, else the NuGet cache.</param>
    public static IBackbone ResNet18Onnx(IReadOnlyList<string>? layers = null, string? onnxPath = null)
    {
        var checkedLayers = ResNetBackbone.CheckLayers(layers);
        var modelPath = ResNet18OnnxFiles.FindModel(onnxPath);
        var meanImage = OnnxResNet18Importer.ReadMeanImage(ResNet18OnnxFiles.FindPreprocess(modelPath));
        var network = new ResNet(OnnxResNet18Importer.Architecture, ResNetBackbone.StageCount(checkedLayers), ResNetPadding.Cntk);
        using (var scope = NewDisposeScope())
            StateDictLoader.LoadInto(network, OnnxResNet18Importer.ReadStateDict(modelPath), modelPath);
        var descriptor = new BackboneDescriptor("resnet18", OnnxFormat, onnxPath, null, checkedLayers);
        return new ResNetBackbone(network, new MeanImageNormalization(meanImage), descriptor);
    }

    /// <summary>
    /// A torchvision ResNet (<see cref="ResNetArchitecture.Known"/>: resnet18, resnet34, resnet50, resnet101,
    /// wide_resnet50_2, wide_resnet101_2) with weights from a state-dict file (.pth / .pt via torch.save, or .safetensors),
    /// ImageNet mean/std normalisation.
    /// </summary>
    public static IBackbone FromStateDict(string architecture, string weightsPath, IReadOnlyList<string>? layers = null) =>
        FromStateDict(ResNetArchitecture.FromName(architecture), weightsPath, layers);

    /// <summary>Rebuilds the backbone <paramref name="descriptor"/> describes; state-dict weights must match its SHA-256.</summary>
    public static IBackbone Create(BackboneDescriptor descriptor)
    {
        switch (descriptor.WeightsFormat)
        {
            case OnnxFormat:
                if (descriptor.Architecture != "resnet18")
                    throw new ArgumentException(
                        $"Backbone descriptor has weights format 'onnx' and architecture '{descriptor.Architecture}'; only resnet18 comes as ONNX.",
                        nameof(descriptor));
                return ResNet18Onnx(descriptor.Layers, descriptor.WeightsPath);
            case StateDictFormat:
                var path = descriptor.WeightsPath
                    ?? throw new ArgumentException("Backbone descriptor with weights format 'state-dict' has no WeightsPath.", nameof(descriptor));
                if (!File.Exists(path))
                    throw new FileNotFoundException($"Backbone weights file '{path}' named by the descriptor does not exist.", path);
                if (descriptor.WeightsSha256 is { } expected && Sha256(path) is var actual && actual != expected)
                    throw new InvalidDataException(
                        $"Backbone weights file '{path}' has SHA-256 {actual}, but the descriptor expects {expected}: it is not the file the detector was trained with.");
                return FromStateDict(descriptor.Architecture, path, descriptor.Layers);
            default:
                throw new ArgumentException(
                    $"Backbone descriptor has weights format '{descriptor.WeightsFormat}'; expected '{OnnxFormat}' or '{StateDictFormat}'.",
                    nameof(descriptor));
        }
    }

    /// <summary>As the public overload, for any <see cref="ResNetArchitecture"/> (tests use small ones).</summary>
    internal static IBackbone FromStateDict(ResNetArchitecture architecture, string weightsPath, IReadOnlyList<string>? layers)
    {
        var checkedLayers = ResNetBackbone.CheckLayers(layers);
        var network = new ResNet(architecture, ResNetBackbone.StageCount(checkedLayers));
        using (var scope = NewDisposeScope())
        {
            var keys = network.state_dict().Keys.ToArray();
            var contents = StateDictFile.Read(weightsPath, keys);
            StateDictLoader.LoadInto(network, contents.Tensors, contents.Keys, weightsPath);
        }
        var descriptor = new BackboneDescriptor(architecture.Name, StateDictFormat, weightsPath, Sha256(weightsPath), checkedLayers);
        return new ResNetBackbone(network, new ImageNetNormalization(), descriptor);
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
