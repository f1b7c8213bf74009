using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Training;

/// <summary>
/// Hardens fake anomalies by gradient ascent, after GLASS's global anomaly synthesis (Chen et al., ECCV 2024), as an
/// option beside the paper's Gaussian noise (<see cref="TrisimpleNetOptions.FakeAnomalyAscentSteps"/>): each noisy
/// feature moves, a step at a time, in the direction that raises its discriminator score (towards what the
/// discriminator calls normal), and its offset from the normal feature is then kept between half and one and a half
/// times the length of its original noise, so that it neither becomes normal nor runs away.
/// </summary>
/// <remarks>
/// As in GLASS, the discriminator scores the fake anomalies in training mode, batched with the normal features, so its
/// BatchNorm normalises them as the training pass will; the running statistics these passes would update are put
/// back afterwards. Scoring in evaluation mode instead (running statistics, study 9 in docs/results.md) follows a
/// discriminator slightly behind the one being trained and collapsed with a 256-wide discriminator; scoring the fake
/// anomalies alone in training mode normalises away the shift the noise made and lost the gain.
/// </remarks>
internal static class GradientAscentSynthesis
{
    /// <summary>Each step's length, as a share of the original noise's length.</summary>
    public const double StepShare = 0.25;
    public const double ShortestShare = 0.5;
    public const double LongestShare = 1.5;

    /// <summary>
    /// <paramref name="normal"/> plus the hardened offsets of <paramref name="fakeAnomalies"/> from it: the offsets are
    /// constants, so gradients flow to <paramref name="normal"/> (the adaptor) as through the plain noise.
    /// </summary>
    public static Tensor Harden(Tensor normal, Tensor fakeAnomalies, nn.Module<Tensor, Tensor> discriminator, int steps)
    {
        Tensor offsets;
        using (var scope = NewDisposeScope())
        {
            using Scalar stepShare = StepShare, shortest = ShortestShare, longest = LongestShare, tiny = 1e-12, one = 1;
            var anchor = normal.detach();
            long rows = anchor.shape[0];
            var initial = fakeAnomalies.detach().sub(anchor);
            var initialLength = initial.norm(1, keepdim: true);
            var stepLength = initialLength.mul(stepShare);
            var lowest = initialLength.mul(shortest);
            var highest = initialLength.mul(longest);
            var offset = initial;
            var statistics = discriminator.buffers().Select(buffer => buffer.clone()).ToArray();
            try
            {
                for (int step = 0; step < steps; step++)
                {
                    var moved = anchor.add(offset, one).requires_grad_(true);
                    Tensor gradient;
                    using (enable_grad())
                    {
                        var score = discriminator.forward(cat([anchor, moved], 0)).narrow(0, rows, rows).sum();
                        gradient = autograd.grad([score], [moved])[0];
                    }
                    using var noGrad = no_grad();
                    var direction = gradient.div(gradient.norm(1, keepdim: true).add(tiny, one));
                    offset = offset.add(direction.mul(stepLength), one);
                    var length = offset.norm(1, keepdim: true);
                    offset = offset.mul(length.clamp(lowest, highest).div(length.add(tiny, one)));
                }
            }
            finally
            {
                using var noGrad = no_grad();
                foreach (var (buffer, saved) in discriminator.buffers().Zip(statistics))
                    buffer.copy_(saved);
            }
            offsets = offset.detach().MoveToOuterDisposeScope();
        }
        using (offsets)
        {
            using Scalar one = 1;
            return normal.add(offsets, one);
        }
    }
}
