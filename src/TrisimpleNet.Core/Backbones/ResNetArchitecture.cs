namespace TrisimpleNet.Backbones;

/// <summary>
/// The shape of a torchvision ResNet: block type, blocks per stage and bottleneck width,
/// for example resnet18 = basic blocks [2, 2, 2, 2], wide_resnet50_2 = bottlenecks [3, 4, 6, 3] of width 128 per group.
/// </summary>
/// <param name="Name">torchvision name, used in descriptors and messages.</param>
/// <param name="UsesBottleneck">true for <see cref="Bottleneck"/> blocks (expansion 4), false for <see cref="BasicBlock"/>.</param>
/// <param name="BlocksPerStage">Number of blocks in layer1..layer4.</param>
/// <param name="WidthPerGroup">Bottleneck width per group; 64 for the plain ResNets, 128 for the wide ones.</param>
public sealed record ResNetArchitecture(string Name, bool UsesBottleneck, IReadOnlyList<int> BlocksPerStage, int WidthPerGroup = 64)
{
    /// <summary>Output channels of each stage before expansion: 64, 128, 256, 512.</summary>
    internal static readonly int[] StagePlanes = [64, 128, 256, 512];

    /// <summary>The ResNets this library builds, by torchvision name.</summary>
    public static IReadOnlyList<ResNetArchitecture> Known { get; } =
    [
        new("resnet18", false, [2, 2, 2, 2]),
        new("resnet34", false, [3, 4, 6, 3]),
        new("resnet50", true, [3, 4, 6, 3]),
        new("resnet101", true, [3, 4, 23, 3]),
        new("wide_resnet50_2", true, [3, 4, 6, 3], 128),
        new("wide_resnet101_2", true, [3, 4, 23, 3], 128),
    ];

    /// <summary>
    /// The ResNet18 of the Microsoft.ML.DnnImageFeaturizer.ResNet18 package (a CNTK export): basic blocks [2, 2, 2, 3],
    /// one block more in layer4 than torchvision's resnet18.
    /// </summary>
    internal static ResNetArchitecture CntkResNet18 { get; } = new("resnet18", false, [2, 2, 2, 3]);

    /// <summary>Channel multiplier of a block's output: 4 for bottlenecks, 1 for basic blocks.</summary>
    internal int Expansion => UsesBottleneck ? Bottleneck.Expansion : BasicBlock.Expansion;

    /// <summary>Output channels of layer1..layer4.</summary>
    internal IReadOnlyList<int> StageChannels => StagePlanes.Select(planes => planes * Expansion).ToArray();

    /// <summary>The known architecture named <paramref name="name"/> (case-insensitive).</summary>
    public static ResNetArchitecture FromName(string name) =>
        Known.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown ResNet architecture '{name}'; expected one of {string.Join(", ", Known.Select(a => a.Name))}.", nameof(name));
}
