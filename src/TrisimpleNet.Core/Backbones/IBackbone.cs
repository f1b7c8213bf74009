using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Backbones;

/// <summary>
/// A frozen, pretrained CNN that returns the feature maps of the requested layers (eval mode, no gradients).
/// It normalises its input itself, the way its weights were trained, and runs only up to the deepest requested layer.
/// </summary>
public interface IBackbone : IDisposable
{
    /// <summary>What this backbone is and where its weights come from; enough to rebuild it when a detector is loaded.</summary>
    BackboneDescriptor Descriptor { get; }

    /// <summary>Channel count of each returned layer, shallowest first.</summary>
    IReadOnlyList<int> LayerChannels { get; }

    /// <summary>Runs the network on <paramref name="rgb"/>: float32 N x 3 x H x W, RGB in [0, 1].</summary>
    /// <returns>One map per requested layer, shallowest first, each N x C x h x w.</returns>
    Tensor[] Extract(Tensor rgb);

    /// <summary>Moves the weights to <paramref name="device"/>.</summary>
    void MoveTo(Device device);
}
