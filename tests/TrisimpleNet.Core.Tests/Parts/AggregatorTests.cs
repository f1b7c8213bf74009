using TrisimpleNet.Features;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Parts;

public class AggregatorTests
{
    [Fact]
    public void OfficialAggregationGivesOneFeaturePerPositionOfTheFirstGrid()
    {
        using var layer2 = randn(2, 8, 6, 6);
        using var layer3 = randn(2, 16, 3, 3);
        using var features = new UnfoldPoolAggregator(3, 24, 12).Aggregate([layer2, layer3]);
        Assert.Equal(new long[] { 2, 6, 6, 12 }, features.shape);
    }

    [Fact]
    public void OfficialAggregationKeepsTheLayersApartInTheTwoHalves()
    {
        // Patch size 1 and widths equal to the channel count make each layer's pooling the identity; the final
        // pooling of [a0, a1, b0, b1] to 2 averages adjacent pairs: [(a0 + a1) / 2, (b0 + b1) / 2].
        using var first = tensor(new float[] { 1, 3 }).reshape(1, 2, 1, 1).expand(1, 2, 2, 2).contiguous();
        using var second = tensor(new float[] { 10, 20 }).reshape(1, 2, 1, 1);
        using var features = new UnfoldPoolAggregator(1, 2, 2).Aggregate([first, second]);
        var values = features.reshape(4, 2).data<float>().ToArray();
        Assert.Equal(new float[] { 2, 15, 2, 15, 2, 15, 2, 15 }, values);
    }

    [Fact]
    public void OfficialAggregationPoolsTheChannelMajorNeighbourhood()
    {
        // One channel, 3x3 unfold with zero padding, pooled from 9 to 1: the 3x3 mean with zeros outside.
        using var map = arange(9, dtype: ScalarType.Float32).reshape(1, 1, 3, 3);
        using var features = new UnfoldPoolAggregator(3, 1, 1).Aggregate([map]);
        var values = features.reshape(9).data<float>().ToArray();
        Assert.Equal((0 + 1 + 3 + 4) / 9f, values[0], 5);
        Assert.Equal(36 / 9f, values[4], 5);
        Assert.Equal((4 + 5 + 7 + 8) / 9f, values[8], 5);
    }

    [Fact]
    public void SpatialAverageAggregationConcatenatesAveragedLayers()
    {
        using var first = ones(1, 2, 4, 4);
        using var second = full(1, 2, 2, 2, 3f);
        using var features = new SpatialAverageAggregator(1, 4).Aggregate([first, second]);
        Assert.Equal(new long[] { 1, 4, 4, 4 }, features.shape);
        Assert.Equal(new float[] { 1, 1, 3, 3 }, features[0, 0, 0].data<float>().ToArray());
    }

    [Theory]
    [InlineData(3, 1536, 1536)]
    [InlineData(3, 384, 384)]
    [InlineData(5, 100, 70)]
    public void OfficialAggregationEqualsTheStepByStepTranscriptionOfTheOfficialCode(int patchSize, int layerWidth, int outputWidth)
    {
        manual_seed(3);
        using var layer2 = randn(2, 128, 12, 10);
        using var layer3 = randn(2, 256, 6, 5);
        using var expected = new OfficialUnfoldPoolReference(patchSize, layerWidth, outputWidth).Aggregate([layer2, layer3]);
        using var actual = new UnfoldPoolAggregator(patchSize, layerWidth, outputWidth).Aggregate([layer2, layer3]);
        Assert.Equal(expected.shape, actual.shape);
        Assert.True((expected - actual).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public async Task OfficialAggregationGivesTheSameFeaturesWhenFirstUsedFromManyThreadsAtOnce()
    {
        manual_seed(4);
        using var layer2 = randn(1, 16, 6, 6);
        using var layer3 = randn(1, 32, 3, 3);
        float[] expected;
        using (var sequential = new UnfoldPoolAggregator(3, 48, 48).Aggregate([layer2, layer3]))
            expected = sequential.data<float>().ToArray();

        // A fresh aggregator builds its pooling weights on first use: here from eight threads together.
        var shared = new UnfoldPoolAggregator(3, 48, 48);
        using var start = new Barrier(8);
        var results = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            using var features = shared.Aggregate([layer2, layer3]);
            return features.data<float>().ToArray();
        })).ToArray();
        Assert.All(await Task.WhenAll(results), result => Assert.Equal(expected, result));
    }
}
