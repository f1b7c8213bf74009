using TrisimpleNet.Noise;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Parts;

public class BlockwiseNormalTests
{
    // Three blocks, the last one partial.
    private static readonly long[] Shape = [5, BlockwiseNormal.ValuesPerBlock / 2];

    [Fact]
    public void TheValuesDoNotDependOnTheThreadCount()
    {
        using var first = new Generator(11, CPU);
        using var second = new Generator(11, CPU);

        using var oneThread = BlockwiseNormal.Draw(Shape, ScalarType.Float32, CPU, first, threads: 1);
        using var fourThreads = BlockwiseNormal.Draw(Shape, ScalarType.Float32, CPU, second, threads: 4);

        Assert.Equal(3, BlockwiseNormal.BlockCount(oneThread.numel()));
        Assert.True(oneThread.equal(fourThreads).all().item<bool>());
    }

    [Fact]
    public void EveryBlockIsStandardNormalAndTheBlocksDiffer()
    {
        using var generator = new Generator(5, CPU);

        using var noise = BlockwiseNormal.Draw(Shape, ScalarType.Float32, CPU, generator, threads: 2);

        using var values = noise.view(-1);
        using var firstBlock = values.narrow(0, 0, BlockwiseNormal.ValuesPerBlock);
        using var secondBlock = values.narrow(0, BlockwiseNormal.ValuesPerBlock, BlockwiseNormal.ValuesPerBlock);
        foreach (var block in new[] { firstBlock, secondBlock })
        {
            Assert.Equal(0.0, block.mean().item<float>(), 2);
            Assert.Equal(1.0, block.std().item<float>(), 2);
        }
        using var product = firstBlock * secondBlock;
        Assert.Equal(0.0, product.mean().item<float>(), 2); // uncorrelated: no block repeats another's stream
    }

    [Fact]
    public void TheCallersGeneratorAdvancesSoTheNextDrawDiffersAndASavedStateRepeatsIt()
    {
        using var generator = new Generator(3, CPU);
        using var first = BlockwiseNormal.Draw(Shape, ScalarType.Float32, CPU, generator);
        using var state = generator.get_state();

        using var second = BlockwiseNormal.Draw(Shape, ScalarType.Float32, CPU, generator);
        using var resumed = new Generator(0, CPU);
        resumed.set_state(state);
        using var again = BlockwiseNormal.Draw(Shape, ScalarType.Float32, CPU, resumed);

        Assert.False(first.equal(second).all().item<bool>());
        Assert.True(second.equal(again).all().item<bool>());
    }

    [Fact]
    public void ADrawOfOneBlockIsTheGeneratorsOwnStream()
    {
        long[] shape = [4, 100];
        using var first = new Generator(9, CPU);
        using var second = new Generator(9, CPU);

        using var drawn = BlockwiseNormal.Draw(shape, ScalarType.Float32, CPU, first);
        using var direct = randn(shape, generator: second);

        Assert.True(drawn.equal(direct).all().item<bool>());
    }

    [Theory]
    [InlineData(100L)] // one block: the caller's generator
    [InlineData(BlockwiseNormal.ValuesPerBlock * 5 / 2)] // three blocks
    public void AStandardDeviationScalesTheSameValuesBitForBit(long count)
    {
        const double sigma = 0.015;
        using var first = new Generator(13, CPU);
        using var second = new Generator(13, CPU);

        using var scaled = BlockwiseNormal.Draw([count], ScalarType.Float32, CPU, first, std: sigma);
        using var standard = BlockwiseNormal.Draw([count], ScalarType.Float32, CPU, second);
        using var timesSigma = standard.mul(sigma);

        Assert.True(scaled.equal(timesSigma).all().item<bool>());
        Assert.NotEqual(0.0, scaled.abs().sum().item<float>());
    }
}
