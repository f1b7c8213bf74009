using TrisimpleNet.Data.Metrics;
using TrisimpleNet.Data.Statistics;

namespace TrisimpleNet.Data.Tests.Statistics;

/// <summary>DeLong's AUROC variance against a worked example and against the pairwise structural-components formula.</summary>
public sealed class DeLongAurocTests
{
    [Fact]
    public void AWorkedExampleWithATieHasVarianceOneTwentySeventh()
    {
        // Anomalies 0.8, 0.6, 0.4 and normals 0.5, 0.4, 0.1. Components per anomaly: 1, 1, 1/2 (a tie counts half);
        // per normal: 2/3, 5/6, 1. AUROC 5/6; S10 = 1/12, S01 = 1/36; variance = S10 / 3 + S01 / 3 = 1/27.
        var (auroc, variance) = DeLongAuroc.Compute([0.8, 0.6, 0.4, 0.5, 0.4, 0.1], [true, true, true, false, false, false]);

        Assert.Equal(5.0 / 6, auroc, 12);
        Assert.Equal(1.0 / 27, variance, 12);
    }

    [Fact]
    public void TheIntervalIsTheAurocPlusOrMinusTheNormalQuantileTimesTheStandardError()
    {
        var interval = DeLongAuroc.Interval([0.8, 0.6, 0.4, 0.5, 0.4, 0.1], [true, true, true, false, false, false]);

        // 1.959964 x sqrt(1/27) = 0.377195; the upper bound is clipped at 1.
        Assert.Equal(5.0 / 6 - 0.377195, interval.Lower, 5);
        Assert.Equal(1, interval.Upper);
    }

    [Fact]
    public void RandomScoresWithTiesAgreeWithThePairwiseStructuralComponents()
    {
        var random = new Random(11);
        var labels = Enumerable.Range(0, 70).Select(i => i % 3 == 0).ToArray();
        // Scores rounded to one decimal so that many pairs tie; anomalies shifted up a little.
        var scores = labels.Select(anomalous => Math.Round(random.NextDouble() + (anomalous ? 0.3 : 0), 1)).ToArray();

        var (auroc, variance) = DeLongAuroc.Compute(scores, labels);

        var (expectedAuroc, expectedVariance) = PairwiseDeLong(scores, labels);
        Assert.Equal(expectedAuroc, auroc, 12);
        Assert.Equal(expectedVariance, variance, 12);
        Assert.Equal(Auroc.Compute(scores, labels), auroc, 12);
    }

    [Fact]
    public void OneAnomalyIsNotEnough()
    {
        var error = Assert.Throws<ArgumentException>(() => DeLongAuroc.Compute([0.9, 0.1, 0.2], [true, false, false]));

        Assert.Contains("at least two anomalous", error.Message);
    }

    // DeLong et al. 1988 directly: psi(x, y) = 1, 1/2 or 0; V10(x) = mean over normals, V01(y) = mean over anomalies.
    private static (double Auroc, double Variance) PairwiseDeLong(double[] scores, bool[] labels)
    {
        var anomalous = scores.Where((_, i) => labels[i]).ToArray();
        var normal = scores.Where((_, i) => !labels[i]).ToArray();
        static double Psi(double x, double y) => x > y ? 1 : x == y ? 0.5 : 0;
        var v10 = anomalous.Select(x => normal.Average(y => Psi(x, y))).ToArray();
        var v01 = normal.Select(y => anomalous.Average(x => Psi(x, y))).ToArray();
        double auroc = v10.Average();
        double s10 = v10.Sum(v => (v - auroc) * (v - auroc)) / (v10.Length - 1);
        double s01 = v01.Sum(v => (v - auroc) * (v - auroc)) / (v01.Length - 1);
        return (auroc, s10 / anomalous.Length + s01 / normal.Length);
    }
}
