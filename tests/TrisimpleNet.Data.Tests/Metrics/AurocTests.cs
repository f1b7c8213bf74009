using TrisimpleNet.Data.Metrics;
using TrisimpleNet.Data.Tests.Fixtures;

namespace TrisimpleNet.Data.Tests.Metrics;

public class AurocTests
{
    [Theory]
    [MemberData(nameof(LabelledScoresFixture.Names), MemberType = typeof(LabelledScoresFixture))]
    public void Equals_scikit_learn_roc_auc_score(string fixtureName)
    {
        LabelledScoresFixture fixture = LabelledScoresFixture.Named(fixtureName);

        Assert.Equal(fixture.Auroc, Auroc.Compute(fixture.Scores, fixture.Labels), MetricFixtures.Tolerance);
    }

    [Theory]
    [MemberData(nameof(LabelledScoresFixture.Names), MemberType = typeof(LabelledScoresFixture))]
    public void Float_scores_give_the_same_area_as_their_double_values(string fixtureName)
    {
        LabelledScoresFixture fixture = LabelledScoresFixture.Named(fixtureName);
        float[] floatScores = fixture.Float32Scores;

        Assert.Equal(Auroc.Compute(floatScores.Select(score => (double)score).ToArray(), fixture.Labels), Auroc.Compute(floatScores, fixture.Labels));
    }

    [Fact]
    public void A_tie_between_a_positive_and_a_negative_counts_one_half()
    {
        Assert.Equal(0.75, Auroc.Compute([1.0, 2.0, 2.0], [false, false, true]));
    }

    [Fact]
    public void Infinite_scores_are_ordered_like_any_other_score()
    {
        Assert.Equal(1.0, Auroc.Compute([double.NegativeInfinity, double.PositiveInfinity], [false, true]));
    }

    [Fact]
    public void Scores_and_labels_of_different_lengths_are_rejected_naming_the_labels()
    {
        var error = Assert.Throws<ArgumentException>(() => Auroc.Compute([0.1, 0.2], [true]));

        Assert.Equal("labels", error.ParamName);
    }

    [Fact]
    public void A_NaN_score_is_rejected_naming_the_scores()
    {
        var error = Assert.Throws<ArgumentException>(() => Auroc.Compute([0.1, double.NaN], [true, false]));

        Assert.Equal("scores", error.ParamName);
    }

    [Fact]
    public void Labels_of_one_class_only_are_rejected()
    {
        Assert.Throws<InvalidOperationException>(() => Auroc.Compute([0.1, 0.2], [true, true]));
    }
}
