using TorchSharp.Modules;
using TrisimpleNet.Discriminators;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

/// <summary>The discriminator's BatchNorm, computed with its batch-count scalar held, equals TorchSharp's BatchNorm1d bit for bit.</summary>
public sealed class BatchNormWithHeldScalarTests
{
    [Fact]
    public void TrainingBatchesThenEvaluationGiveTorchSharpsOutputsAndStatistics()
    {
        using var reference = nn.BatchNorm1d(6);
        using var held = nn.BatchNorm1d(6);
        using var generator = new Generator(11);
        for (int step = 0; step < 4; step++)
        {
            bool training = step < 3;
            reference.train(training);
            held.train(training);
            using var scope = NewDisposeScope();
            var input = randn([10, 6], generator: generator);

            var expected = reference.forward(input);
            var actual = MlpDiscriminator.Normalize(held, input);

            Assert.True(expected.equal(actual).all().item<bool>(), $"step {step}: the outputs differ");
            Assert.True(reference.running_mean!.equal(held.running_mean!).all().item<bool>(), $"step {step}: running means differ");
            Assert.True(reference.running_var!.equal(held.running_var!).all().item<bool>(), $"step {step}: running variances differ");
        }
        Assert.Equal(3, held.num_batches_tracked!.item<long>());
        Assert.Equal(reference.num_batches_tracked!.item<long>(), held.num_batches_tracked!.item<long>());
    }
}
