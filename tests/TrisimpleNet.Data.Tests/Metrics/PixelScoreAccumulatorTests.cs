using TrisimpleNet.Data.Metrics;
using TrisimpleNet.Data.Tests.Fixtures;

namespace TrisimpleNet.Data.Tests.Metrics;

public class PixelScoreAccumulatorTests
{
    [Theory]
    [MemberData(nameof(LabelledScoresFixture.Float32Names), MemberType = typeof(LabelledScoresFixture))]
    public void Pixels_added_in_small_images_give_scikit_learn_roc_auc_score_and_F1_max(string fixtureName)
    {
        LabelledScoresFixture fixture = LabelledScoresFixture.Named(fixtureName);
        var accumulator = new PixelScoreAccumulator(bufferCapacity: 5);

        AddInImagesOf(7, fixture.Float32Scores, fixture.Labels, accumulator);
        F1MaxResult f1Max = accumulator.ComputeF1Max();

        Assert.Equal(fixture.Auroc, accumulator.ComputeAuroc(), MetricFixtures.Tolerance);
        Assert.Equal(fixture.F1Max, f1Max.F1, MetricFixtures.Tolerance);
        Assert.Equal(fixture.F1MaxThreshold, f1Max.Threshold, MetricFixtures.Tolerance);
    }

    [Fact]
    public void Four_million_heavily_tied_pixels_give_the_in_memory_exact_answer()
    {
        var maps = new SyntheticAnomalyMaps(seed: 7, size: 256, patchGrid: 32, quantisationLevels: 200);
        var accumulator = new PixelScoreAccumulator(bufferCapacity: 1 << 18);
        var allScores = new List<float>();
        var allLabels = new List<bool>();
        var scores = new float[256 * 256];
        var mask = new bool[256 * 256];
        for (int image = 0; image < 64; image++)
        {
            maps.Fill(scores, mask);
            accumulator.Add(scores, mask);
            allScores.AddRange(scores);
            allLabels.AddRange(mask);
        }

        Assert.Equal(64 * 256 * 256, accumulator.PositiveCount + accumulator.NegativeCount);
        Assert.Equal(Auroc.Compute(allScores.ToArray(), allLabels.ToArray()), accumulator.ComputeAuroc(), 1e-15);
        Assert.Equal(F1Max.Compute(allScores.ToArray(), allLabels.ToArray()), accumulator.ComputeF1Max());
    }

    [Fact]
    public void Many_distinct_scores_sharing_the_upper_key_bits_merge_in_place_over_many_flushes()
    {
        // Floats in [1, 1 + 2^-7) share their upper 16 bits, so all 300 000 scores meet in one bucket of many pages.
        var random = new Random(11);
        float[] scores = Enumerable.Range(0, 300_000).Select(_ => 1f + (float)random.NextDouble() / 128f).ToArray();
        bool[] labels = scores.Select(score => random.NextDouble() < (score - 1f) * 64f).ToArray();
        var accumulator = new PixelScoreAccumulator(bufferCapacity: 1000);

        AddInImagesOf(5000, scores, labels, accumulator);

        Assert.Equal(scores.Distinct().Count(), accumulator.DistinctScoreCount);
        Assert.Equal(Auroc.Compute(scores, labels), accumulator.ComputeAuroc(), 1e-15);
        Assert.Equal(F1Max.Compute(scores, labels), accumulator.ComputeF1Max());
    }

    [Fact]
    public void Mask_bytes_other_than_zero_mark_anomalous_pixels()
    {
        var fromBytes = new PixelScoreAccumulator();
        var fromBools = new PixelScoreAccumulator();

        fromBytes.Add([0.1f, 0.4f, 0.35f, 0.8f], [0, 0, 255, 1]);
        fromBools.Add([0.1f, 0.4f, 0.35f, 0.8f], [false, false, true, true]);

        Assert.Equal(0.75, fromBytes.ComputeAuroc());
        Assert.Equal(fromBools.ComputeAuroc(), fromBytes.ComputeAuroc());
    }

    [Fact]
    public void Equal_scores_count_once_however_often_they_are_added()
    {
        var accumulator = new PixelScoreAccumulator(bufferCapacity: 2);

        accumulator.Add([0.5f, -0.0f, 0.5f], [true, false, false]);
        accumulator.Add([0.0f, 0.5f, 1.0f], [false, true, true]);

        Assert.Equal(3, accumulator.DistinctScoreCount);
    }

    [Fact]
    public void A_NaN_score_is_rejected_naming_the_scores()
    {
        var error = Assert.Throws<ArgumentException>(() => new PixelScoreAccumulator().Add([float.NaN], [true]));

        Assert.Equal("scores", error.ParamName);
    }

    [Fact]
    public void Computing_before_both_classes_were_seen_is_rejected()
    {
        var accumulator = new PixelScoreAccumulator();
        accumulator.Add([0.1f, 0.2f], [false, false]);

        Assert.Throws<InvalidOperationException>(() => accumulator.ComputeAuroc());
    }

    private static void AddInImagesOf(int pixelsPerImage, float[] scores, bool[] labels, PixelScoreAccumulator accumulator)
    {
        for (int start = 0; start < scores.Length; start += pixelsPerImage)
        {
            int length = Math.Min(pixelsPerImage, scores.Length - start);
            accumulator.Add(scores.AsSpan(start, length), labels.AsSpan(start, length));
        }
    }
}
