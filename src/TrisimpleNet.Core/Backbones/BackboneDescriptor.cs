namespace TrisimpleNet.Backbones;

/// <summary>
/// Identifies a backbone for saving and loading: architecture, requested layers and the weights' source.
/// Weights are not stored in a saved detector; they are reloaded from <see cref="WeightsPath"/> (checked against
/// <see cref="WeightsSha256"/>) or, for the packaged ResNet18, from the NuGet package.
/// </summary>
/// <param name="Architecture">torchvision name: resnet18, resnet50, wide_resnet50_2, ...</param>
/// <param name="WeightsFormat">"onnx" (the packaged ResNet18) or "state-dict" (.pth / .safetensors from the user).</param>
/// <param name="WeightsPath">The weights file; null for the packaged ResNet18 found next to the application.</param>
/// <param name="WeightsSha256">Lower-case hex SHA-256 of the weights file, or null when not checked.</param>
/// <param name="Layers">Requested layers, shallowest first, for example layer2 and layer3.</param>
public sealed record BackboneDescriptor(
    string Architecture,
    string WeightsFormat,
    string? WeightsPath,
    string? WeightsSha256,
    IReadOnlyList<string> Layers);
