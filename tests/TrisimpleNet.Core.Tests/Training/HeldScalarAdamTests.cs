using TorchSharp;
using TorchSharp.Modules;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

/// <summary>
/// The training optimiser is TorchSharp's Adam with its scalars held: the same parameters and state, bit for bit (the
/// state dict differs only in the optimiser's type name, which TorchSharp writes first).
/// </summary>
public sealed class HeldScalarAdamTests
{
    [Fact]
    public void TenStepsGiveTorchSharpAdamsParametersAndStateBitForBit()
    {
        using var reference = Network();
        using var held = Network();
        held.load(new BinaryReader(new MemoryStream(Bytes(reference))));
        using var referenceAdam = optim.Adam(reference.parameters(), 0.01, weight_decay: 1e-5);
        using var heldAdam = new HeldScalarAdam(held.parameters(), 0.01, 1e-5);
        using var generator = new Generator(7);
        for (int step = 0; step < 10; step++)
        {
            using var scope = NewDisposeScope();
            var input = randn([16, 8], generator: generator);
            foreach (var (network, optimizer) in new (nn.Module<Tensor, Tensor>, OptimizerHelper)[] { (reference, referenceAdam), (held, heldAdam) })
            {
                optimizer.zero_grad();
                network.forward(input).square().mean().backward();
                optimizer.step();
            }
        }

        Assert.Equal(Bytes(reference), Bytes(held));
        var (referenceName, referenceState) = State(referenceAdam);
        var (heldName, heldState) = State(heldAdam);
        Assert.Equal(("Adam", "HeldScalarAdam"), (referenceName, heldName));
        Assert.Equal(referenceState, heldState);
    }

    private static nn.Module<Tensor, Tensor> Network() => nn.Sequential(nn.Linear(8, 6), nn.Linear(6, 1));

    private static byte[] Bytes(nn.Module module)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) module.save(writer);
        return stream.ToArray();
    }

    private static (string TypeName, byte[] State) State(OptimizerHelper optimizer)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        string typeName = reader.ReadString();
        return (typeName, reader.ReadBytes((int)(stream.Length - stream.Position)));
    }
}
