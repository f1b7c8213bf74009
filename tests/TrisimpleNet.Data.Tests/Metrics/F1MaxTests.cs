using TrisimpleNet.Data.Metrics;
using TrisimpleNet.Data.Tests.Fixtures;

namespace TrisimpleNet.Data.Tests.Metrics;

public class F1MaxTests
{
    [Theory]
    [MemberData(nameof(LabelledScoresFixture.Names), MemberType = typeof(LabelledScoresFixture))]
    public void Equals_the_maximum_over_scikit_learn_precision_recall_curve(string fixtureName)
    {
        LabelledScoresFixture fixture = LabelledScoresFixture.Named(fixtureName);

        F1MaxResult result = F1Max.Compute(fixture.Scores, fixture.Labels);

        Assert.Equal(fixture.F1Max, result.F1, MetricFixtures.Tolerance);
        Assert.Equal(fixture.F1MaxThreshold, result.Threshold, MetricFixtures.Tolerance);
    }

    [Fact]
    public void The_lowest_of_several_thresholds_with_the_best_F1_is_returned()
    {
        // Threshold 0.9 gives TP 1, FP 0, FN 1: F1 = 2/3; threshold 0.2 gives TP 2, FP 2: F1 = 2/3 as well.
        F1MaxResult result = F1Max.Compute([0.1, 0.2, 0.3, 0.5, 0.9], [false, true, false, false, true]);

        Assert.Equal(new F1MaxResult(2.0 / 3.0, 0.2), result);
    }

    [Fact]
    public void Float_scores_give_float_thresholds()
    {
        F1MaxResult result = F1Max.Compute([0.1f, 0.7f], [false, true]);

        Assert.Equal(new F1MaxResult(1.0, (double)0.7f), result);
    }
}
