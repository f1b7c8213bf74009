using TorchSharp;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Discriminators;
using static TorchSharp.torch;

namespace TrisimpleNet.Training;

/// <summary>
/// Merges trained pairs of the built-in adaptor and a one-hidden-block discriminator into one pair that scores the
/// mean of their scores. Each pair is linear up to its BatchNorm, which acts on each hidden unit alone, so
/// D_k(A_k x + a_k) stacks exactly: an identity adaptor, a first layer whose rows are W_k A_k with biases
/// W_k a_k + b_k, the BatchNorms side by side, and a score layer of the tail weights divided by the pair count.
/// The merged detector saves, loads and exports like any other (see <see cref="TrisimpleNetOptions.EnsembleSize"/>).
/// </summary>
internal static class EnsembleMerge
{
    public static (LinearFeatureAdaptor Adaptor, MlpDiscriminator Discriminator) Merge(
        IReadOnlyList<(LinearFeatureAdaptor Adaptor, MlpDiscriminator Discriminator)> members)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members.Count, 1);
        var (firstAdaptor, firstDiscriminator) = members[0];
        int width = (int)firstAdaptor.Weight.shape[1];
        int hidden = (int)firstDiscriminator.FirstLinear!.weight!.shape[0];
        var adaptor = new LinearFeatureAdaptor(width, width, firstAdaptor.Bias is not null, firstAdaptor.Precision);
        var discriminator = new MlpDiscriminator(width, hidden * members.Count, 2, firstDiscriminator.NegativeSlope, firstDiscriminator.Precision);
        using (no_grad())
        using (NewDisposeScope())
        using (Scalar count = members.Count)
        {
            adaptor.Weight.copy_(eye(width));
            adaptor.Bias?.zero_();
            var (linear, norm) = discriminator.Blocks.Single();
            var blocks = members.Select(member => (member.Adaptor, Block: member.Discriminator.Blocks.Single(), member.Discriminator.TailWeight)).ToList();
            var composites = blocks.Select(m => Composite(m.Adaptor, m.Block.Linear)).ToList();
            linear.weight!.copy_(cat(composites.Select(c => c.Weight).ToList(), 0));
            linear.bias!.copy_(cat(composites.Select(c => c.Bias).ToList(), 0));
            norm.weight!.copy_(cat(blocks.Select(m => (Tensor)m.Block.Norm.weight!).ToList(), 0));
            norm.bias!.copy_(cat(blocks.Select(m => (Tensor)m.Block.Norm.bias!).ToList(), 0));
            norm.running_mean!.copy_(cat(blocks.Select(m => m.Block.Norm.running_mean!).ToList(), 0));
            norm.running_var!.copy_(cat(blocks.Select(m => m.Block.Norm.running_var!).ToList(), 0));
            norm.num_batches_tracked!.copy_(blocks[0].Block.Norm.num_batches_tracked!);
            discriminator.TailWeight.copy_(cat(blocks.Select(m => m.TailWeight).ToList(), 1).div(count));
        }
        adaptor.eval();
        discriminator.eval();
        return (adaptor, discriminator);
    }

    // W A and W a + b, as float64 products, so the merged first layer rounds once.
    private static (Tensor Weight, Tensor Bias) Composite(LinearFeatureAdaptor adaptor, TorchSharp.Modules.Linear first)
    {
        var weight = first.weight!.to(float64);
        var bias = first.bias!.to(float64);
        return (weight.matmul(adaptor.Weight.to(float64)), adaptor.Bias is { } adaptorBias ? bias + weight.matmul(adaptorBias.to(float64)) : bias);
    }
}
