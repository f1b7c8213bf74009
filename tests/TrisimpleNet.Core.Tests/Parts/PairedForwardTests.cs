using TrisimpleNet.Discriminators;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Parts;

public class PairedForwardTests
{
    private const int Width = 12;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void SharingTheFirstProductGivesWhatTwoSeparatePassesGive(int layers)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var normal = randn([32, Width], generator: generator);
        var fakeAnomalies = normal + randn([32, Width], generator: generator);
        var offsets = randn([32, Width], generator: generator) * 0.01;
        using var shared = Discriminator(layers);
        using var separate = Discriminator(layers);

        var sharedScores = shared.ForwardPairs(normal, fakeAnomalies, offsets);
        var separateScores = cat([separate.forward(cat([normal, fakeAnomalies], 0)), separate.ForwardWithOffsetCopies([normal], offsets)], 0);
        sharedScores.sum().backward();
        separateScores.sum().backward();

        Assert.Equal([128L, 1L], sharedScores.shape);
        AssertClose(separateScores, sharedScores);
        // BatchNorm saw the same two batches, in the same order, and the gradients reached the same weights.
        foreach (var ((name, expected), (_, actual)) in separate.named_buffers().Zip(shared.named_buffers()))
            AssertClose(expected, actual, name);
        foreach (var ((name, expected), (_, actual)) in separate.named_parameters().Zip(shared.named_parameters()))
            AssertClose(expected.grad!, actual.grad!, name);
    }

    private static MlpDiscriminator Discriminator(int layers)
    {
        using var generator = new Generator(9);
        var discriminator = new MlpDiscriminator(Width, hiddenWidth: 8, layers: layers, generator: generator);
        discriminator.train();
        return discriminator;
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what = "scores") =>
        Assert.True(expected.to(ScalarType.Float64).allclose(actual.to(ScalarType.Float64), rtol: 1e-5, atol: 1e-5),
            $"{what} differ by up to {(expected.to(ScalarType.Float64) - actual.to(ScalarType.Float64)).abs().max().item<double>()}");
}
