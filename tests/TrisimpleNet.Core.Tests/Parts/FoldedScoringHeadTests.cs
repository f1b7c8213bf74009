using TrisimpleNet.Adaptors;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Inference;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Parts;

public class FoldedScoringHeadTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1)]
    public void FoldedScoresEqualTheAdaptorAndDiscriminatorInEvalMode(int discriminatorLayers)
    {
        manual_seed(11);
        using var adaptor = new LinearFeatureAdaptor(24, 24);
        using var discriminator = new MlpDiscriminator(24, 16, discriminatorLayers);
        // Give BatchNorm non-trivial running statistics.
        discriminator.train();
        for (int i = 0; i < 5; i++)
            using (var batch = randn(64, 24) * 3 + 1)
                discriminator.forward(adaptor.forward(batch)).Dispose();
        discriminator.eval();
        adaptor.eval();

        // More rows than one scoring block (2048), the last block partial.
        using var rows = randn(5000, 24);
        Tensor expected;
        using (no_grad()) expected = discriminator.forward(adaptor.forward(rows)).reshape(-1).neg();
        using var head = FoldedScoringHead.TryFold(adaptor, discriminator)!;
        using var folded = head.Score(rows);
        var expectedValues = expected.data<float>().ToArray();
        expected.Dispose();
        var foldedValues = folded.data<float>().ToArray();
        for (int i = 0; i < expectedValues.Length; i++)
            Assert.Equal(expectedValues[i], foldedValues[i], tolerance: 1e-4);
    }
}
