using TrisimpleNet.Data.Baselines;
using static TorchSharp.torch;

namespace TrisimpleNet.Data.Tests.Baselines;

/// <summary>PatchCore's farthest-point coreset on small sets whose selection order is known.</summary>
public sealed class GreedyCoresetTests
{
    [Fact]
    public void FarthestPointsFollowTheKnownOrderOnALineWithTiesToTheLowestIndex()
    {
        // From 0: 11 is farthest; then 3 (3 from 0, 8 from 11); then 1 and 10 tie at 1, and index 1 wins.
        using var points = tensor(new float[] { 0, 1, 3, 10, 11 }).reshape(5, 1);

        var order = GreedyCoreset.FarthestPoints(points, 5, start: 0);

        Assert.Equal([0L, 4, 2, 1, 3], order);
    }

    [Fact]
    public void FarthestPointsInThePlaneVisitTheCornersBeforeTheCentre()
    {
        // A unit square's corners and its centre, starting at (0, 0): (1, 1) is farthest, then (1, 0) and (0, 1)
        // at distance 1 beat the centre at 0.707.
        using var points = tensor(new float[] { 0, 0, 0.5f, 0.5f, 1, 0, 0, 1, 1, 1 }).reshape(5, 2);

        var order = GreedyCoreset.FarthestPoints(points, 5, start: 0);

        Assert.Equal([0L, 4, 2, 3, 1], order);
    }

    [Fact]
    public void SelectAfterProjectionTakesOneFeatureFromEachWellSeparatedCluster()
    {
        // Four tight clusters of 25 features, 384 wide, far apart: 128 projected dimensions keep them apart.
        using var generator = new TorchSharp.torch.Generator(7, CPU);
        using var centres = randn([4, 384], generator: generator).mul_(10);
        using var features = centres.repeat_interleave(25, dim: 0).add_(randn([100, 384], generator: generator).mul_(0.01));

        var chosen = GreedyCoreset.Select(features, 4, projectionWidth: 128, seed: 3);

        Assert.Equal([0L, 1, 2, 3], chosen.Select(index => index / 25).Order());
    }

    [Fact]
    public void SelectReturnsDistinctRowsOfTheRequestedCount()
    {
        using var generator = new TorchSharp.torch.Generator(1, CPU);
        using var features = randn([60, 16], generator: generator);

        var chosen = GreedyCoreset.Select(features, 60, projectionWidth: 8, seed: 0);

        Assert.Equal(Enumerable.Range(0, 60).Select(i => (long)i), chosen.Order());
    }
}
