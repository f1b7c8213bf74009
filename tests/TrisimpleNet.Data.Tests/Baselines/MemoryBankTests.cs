using TrisimpleNet.Data.Baselines;
using static TorchSharp.torch;

namespace TrisimpleNet.Data.Tests.Baselines;

/// <summary>The memory bank's blocked nearest-neighbour distances against a brute-force reference.</summary>
public sealed class MemoryBankTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(4096)]
    public void NearestDistancesEqualTheBruteForceMinimumOverTheBank(int blockRows)
    {
        using var generator = new TorchSharp.torch.Generator(5, CPU);
        using var bankFeatures = randn([50, 16], generator: generator);
        using var queries = randn([300, 16], generator: generator).mul_(2);
        using var bank = new MemoryBank(bankFeatures, blockRows);

        using var distances = bank.NearestDistances(queries);

        var expected = BruteForce(queries.data<float>().ToArray(), bankFeatures.data<float>().ToArray(), 16);
        var actual = distances.data<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-4 * Math.Max(1, expected[i]));
    }

    [Fact]
    public void AQueryOnABankFeatureHasDistanceZeroUpToRounding()
    {
        using var bankFeatures = tensor(new float[] { 1, 2, 3, -1, 0, 4 }).reshape(2, 3);
        using var bank = new MemoryBank(bankFeatures);

        using var distances = bank.NearestDistances(bankFeatures);

        Assert.All(distances.data<float>().ToArray(), distance => Assert.InRange(distance, 0, 1e-3f));
    }

    [Fact]
    public void QueriesOfAnotherWidthAreRejectedWithTheExpectedShape()
    {
        using var bankFeatures = zeros(3, 4);
        using var bank = new MemoryBank(bankFeatures);
        using var queries = zeros(2, 5);

        var error = Assert.Throws<ArgumentException>(() => bank.NearestDistances(queries));

        Assert.Contains("[M, 4]", error.Message);
    }

    private static double[] BruteForce(float[] queries, float[] bank, int width)
    {
        int queryCount = queries.Length / width, bankCount = bank.Length / width;
        var nearest = new double[queryCount];
        for (int q = 0; q < queryCount; q++)
        {
            double best = double.PositiveInfinity;
            for (int b = 0; b < bankCount; b++)
            {
                double sum = 0;
                for (int d = 0; d < width; d++)
                {
                    double difference = queries[q * width + d] - bank[b * width + d];
                    sum += difference * difference;
                }
                best = Math.Min(best, sum);
            }
            nearest[q] = Math.Sqrt(best);
        }
        return nearest;
    }
}
