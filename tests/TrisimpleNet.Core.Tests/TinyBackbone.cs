using TorchSharp;
using TrisimpleNet.Backbones;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests;

/// <summary>A small random two-layer CNN standing in for a pretrained backbone where weights do not matter.</summary>
internal sealed class TinyBackbone : IBackbone
{
    private readonly nn.Module<Tensor, Tensor> _layer1;
    private readonly nn.Module<Tensor, Tensor> _layer2;

    public TinyBackbone(int seed = 0)
    {
        // In a scope: TorchSharp's Conv2d leaves a temporary of its bias initialisation to the finalizer otherwise.
        using var scope = NewDisposeScope();
        _layer1 = nn.Sequential(nn.Conv2d(3, 8, 3, stride: 4, padding: 1), nn.ReLU());
        _layer2 = nn.Sequential(nn.Conv2d(8, 16, 3, stride: 2, padding: 1), nn.ReLU());
        // Weights from a local generator: tests run in parallel and share torch's global one.
        using var generator = new Generator((ulong)seed, CPU);
        using (no_grad())
            foreach (var parameter in _layer1.parameters().Concat(_layer2.parameters()))
                using (var values = randn(parameter.shape, generator: generator))
                    parameter.copy_(values.mul_(0.2));
        _layer1.eval();
        _layer2.eval();
    }

    public BackboneDescriptor Descriptor { get; } = new("tiny", "test", null, null, ["layer1", "layer2"]);

    public IReadOnlyList<int> LayerChannels { get; } = [8, 16];

    public Tensor[] Extract(Tensor rgb)
    {
        using var noGrad = no_grad();
        var first = _layer1.forward(rgb);
        return [first, _layer2.forward(first)];
    }

    public void MoveTo(Device device)
    {
        _layer1.to(device);
        _layer2.to(device);
    }

    public void Dispose()
    {
        _layer1.Dispose();
        _layer2.Dispose();
    }
}
