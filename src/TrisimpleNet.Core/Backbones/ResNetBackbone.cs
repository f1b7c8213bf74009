using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Backbones;

/// <summary>
/// A frozen ResNet with its input normalisation: returns the maps of the requested stages (layer1..layer4), computing
/// nothing beyond the deepest one.
/// </summary>
internal sealed class ResNetBackbone : IBackbone
{
    public static readonly IReadOnlyList<string> StageNames = ["layer1", "layer2", "layer3", "layer4"];

    private readonly ResNet _network;
    private readonly nn.Module<Tensor, Tensor> _normalization;
    private readonly int[] _stageIndices;

    /// <param name="network">Built up to the deepest stage in <paramref name="descriptor"/>'s layers, weights loaded.</param>
    /// <param name="normalization">Turns RGB in [0, 1] into what the weights were trained on.</param>
    /// <param name="descriptor">Describes the backbone; its layers must already be checked and sorted.</param>
    public ResNetBackbone(ResNet network, nn.Module<Tensor, Tensor> normalization, BackboneDescriptor descriptor)
    {
        _network = network;
        _normalization = normalization;
        Descriptor = descriptor;
        _stageIndices = descriptor.Layers.Select(StageIndex).ToArray();
        LayerChannels = _stageIndices.Select(i => network.Architecture.StageChannels[i]).ToArray();
        _network.eval();
        _normalization.eval();
    }

    public BackboneDescriptor Descriptor { get; }

    public IReadOnlyList<int> LayerChannels { get; }

    /// <summary>The network, for the ONNX export.</summary>
    internal ResNet Network => _network;

    /// <summary>The input normalisation, for the ONNX export.</summary>
    internal nn.Module<Tensor, Tensor> Normalization => _normalization;

    /// <summary>The input as the network sees it (after normalisation), for comparisons with the original model.</summary>
    internal Tensor Normalize(Tensor rgb)
    {
        using var noGrad = no_grad();
        return _normalization.call(rgb);
    }

    public Tensor[] Extract(Tensor rgb)
    {
        if (rgb.dim() != 4 || rgb.shape[1] != 3 || rgb.dtype != ScalarType.Float32)
            throw new ArgumentException(
                $"Backbone input must be float32 N x 3 x H x W RGB in [0, 1]; got {rgb.dtype} [{string.Join(", ", rgb.shape)}].", nameof(rgb));
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var stageOutputs = _network.call(_normalization.call(rgb));
        return _stageIndices.Select(i => stageOutputs[i].MoveToOuterDisposeScope()).ToArray();
    }

    public void MoveTo(Device device)
    {
        _network.to(device);
        _normalization.to(device);
    }

    public void Dispose()
    {
        _network.Dispose();
        _normalization.Dispose();
    }

    /// <summary>The requested layers, checked and sorted shallowest first; null means layer2 and layer3.</summary>
    public static IReadOnlyList<string> CheckLayers(IReadOnlyList<string>? layers)
    {
        layers ??= ["layer2", "layer3"];
        if (layers.Count == 0)
            throw new ArgumentException("At least one backbone layer must be requested (layer1..layer4).", nameof(layers));
        var unknown = layers.FirstOrDefault(l => !StageNames.Contains(l));
        if (unknown is not null)
            throw new ArgumentException($"Unknown backbone layer '{unknown}'; expected {string.Join(", ", StageNames)}.", nameof(layers));
        return layers.Distinct().OrderBy(StageIndex).ToArray();
    }

    /// <summary>How many stages to build for <paramref name="layers"/>: the index of the deepest one plus one.</summary>
    public static int StageCount(IReadOnlyList<string> layers) => layers.Max(StageIndex) + 1;

    private static int StageIndex(string layer) => StageNames.ToList().IndexOf(layer);
}
