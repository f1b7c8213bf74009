using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Parts;

public class MixedPrecisionTests
{
    [Theory]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float32)]
    public void AddLinearIsTheFloat32ProductAddedBitForBit(ScalarType computeType)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(21);
        var sum = randn([300, 64], generator: generator);
        var input = randn([300, 48], generator: generator) * 0.015;
        var weight = randn([64, 48], generator: generator);

        var added = MixedPrecision.AddLinear(sum, input, weight, computeType);
        var widenedThenAdded = sum + MixedPrecision.Linear(input, weight, null, computeType);

        Assert.Equal(ScalarType.Float32, added.dtype);
        Assert.True(added.equal(widenedThenAdded).all().item<bool>());
        Assert.False(added.equal(sum).all().item<bool>());
    }
}
