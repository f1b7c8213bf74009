using TrisimpleNet.Discriminators;
using TrisimpleNet.Losses;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Parts;

public class FakeNormalOffsetTests
{
    private const int Width = 16;

    // Normal features already on bfloat16's grid in [1, 2), whose spacing there is 2^-7; fake normals 1.5e-4 away
    // (the paper's sigma'), far below half that spacing.
    private static (Tensor Normal, Tensor Offsets) FeaturesAndFakeNormalOffsets()
    {
        var generator = new Generator(5);
        var normal = (1 + rand([64, Width], generator: generator)).to(ScalarType.BFloat16).to(ScalarType.Float32);
        var offsets = randn([64, Width], generator: generator) * 1.5e-4;
        return (normal, offsets);
    }

    private static MlpDiscriminator Discriminator(ComputePrecision precision) =>
        new(Width, hiddenWidth: 8, precision: precision, generator: new Generator(9));

    // With margin 0 and the fake anomalies scored as the normals, the triplet loss is its pull term |D(q) - D(q')|.
    private static double PullTerm(Tensor scores)
    {
        var rows = scores.reshape(2, -1);
        using var pull = new TripletLoss(margin: 0).Compute(TripletScores.FromOnePass(rows[0], rows[0], rows[1]));
        return pull.item<float>();
    }

    [Fact]
    public void InBFloat16TheFakeNormalsPullTermIsNonZero()
    {
        using var scope = NewDisposeScope();
        var (normal, offsets) = FeaturesAndFakeNormalOffsets();
        using var discriminator = Discriminator(ComputePrecision.BFloat16);
        Assert.True(PullTerm(discriminator.ForwardWithOffsetCopies([normal], offsets)) > 0);
    }

    [Fact]
    public void InBFloat16APlainProductOfTheFakeNormalsRoundsThePullTermToZero()
    {
        using var scope = NewDisposeScope();
        var (normal, offsets) = FeaturesAndFakeNormalOffsets();
        using var discriminator = Discriminator(ComputePrecision.BFloat16);
        Assert.Equal(0, PullTerm(discriminator.forward(cat([normal, normal + offsets], 0))));
    }

    [Fact]
    public void InFloat32OffsetCopiesScoreAsThePlainForwardOfTheMovedRows()
    {
        using var scope = NewDisposeScope();
        var (normal, offsets) = FeaturesAndFakeNormalOffsets();
        var others = normal * 0.5f;
        using var discriminator = Discriminator(ComputePrecision.Float32);
        var expected = discriminator.forward(cat([normal, others, normal + offsets], 0)).data<float>().ToArray();
        var actual = discriminator.ForwardWithOffsetCopies([normal, others], offsets).data<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], tolerance: 1e-5);
    }
}
