using TrisimpleNet.Data.Metrics;
using TrisimpleNet.Data.Tests.Fixtures;

namespace TrisimpleNet.Data.Tests.Metrics;

public class AuproAccumulatorTests
{
    [Theory]
    [MemberData(nameof(AuproFixture.Names), MemberType = typeof(AuproFixture))]
    public void Equals_the_MVTec_AD_definition_at_every_false_positive_rate_limit(string fixtureName)
    {
        AuproFixture fixture = AuproFixture.Named(fixtureName);

        double[] aupros = fixture.MaxFalsePositiveRates.Select(limit => AccumulateAll(fixture, new AuproAccumulator(limit, bufferCapacity: 100)).Compute()).ToArray();

        Assert.Equal(fixture.Aupros, aupros, (expected, actual) => Math.Abs(expected - actual) <= MetricFixtures.Tolerance);
    }

    [Theory]
    [MemberData(nameof(AuproFixture.Names), MemberType = typeof(AuproFixture))]
    public void Counts_the_8_connected_regions_of_every_mask(string fixtureName)
    {
        AuproFixture fixture = AuproFixture.Named(fixtureName);

        Assert.Equal(fixture.RegionCount, AccumulateAll(fixture, new AuproAccumulator()).RegionCount);
    }

    [Fact]
    public void A_map_that_ranks_every_defect_pixel_above_every_normal_pixel_scores_one()
    {
        var accumulator = new AuproAccumulator();

        accumulator.Add([0.9f, 0.1f, 0.2f, 0.8f], [true, false, false, true], width: 2);

        Assert.Equal(1.0, accumulator.Compute());
    }

    [Fact]
    public void A_small_region_weighs_as_much_as_a_large_one()
    {
        // The 2x2 region at the left is found at FPR 0, the one-pixel region at the top right only after every normal pixel:
        // PRO is 1/2 all the way to FPR 0.3, where the share of defect pixels found would be 4/5.
        var accumulator = new AuproAccumulator();

        accumulator.Add(
            [0.9f, 0.9f, 0.5f, 0.1f,
             0.9f, 0.9f, 0.4f, 0.3f],
            [true, true, false, true,
             true, true, false, false],
            width: 4);

        Assert.Equal(2, accumulator.RegionCount);
        Assert.Equal(0.5, accumulator.Compute(), 1e-15);
    }

    [Fact]
    public void The_curve_runs_from_the_origin_through_each_distinct_score_to_one_one()
    {
        // Two regions (left 2x2, top-right pixel); 3 normal pixels scoring 0.5, 0.4, 0.3.
        var accumulator = new AuproAccumulator();
        accumulator.Add(
            [0.9f, 0.9f, 0.5f, 0.1f,
             0.9f, 0.9f, 0.4f, 0.3f],
            [true, true, false, true,
             true, true, false, false],
            width: 4);

        var (falsePositiveRates, overlaps) = accumulator.Curve();

        Assert.Equal([0, 0, 1 / 3.0, 2 / 3.0, 1, 1, 1], falsePositiveRates);
        Assert.Equal([0, 0.5, 0.5, 0.5, 0.5, 1, 1], overlaps);
    }

    [Fact]
    public void Mask_bytes_other_than_zero_mark_defect_pixels()
    {
        var accumulator = new AuproAccumulator();

        accumulator.Add([0.9f, 0.1f, 0.2f, 0.8f], [255, 0, 0, 1], width: 2);

        Assert.Equal(1, accumulator.RegionCount);
        Assert.Equal(2, accumulator.NormalPixelCount);
    }

    [Fact]
    public void A_map_that_is_not_a_whole_number_of_rows_is_rejected_naming_the_width()
    {
        var error = Assert.Throws<ArgumentException>(() => new AuproAccumulator().Add(new float[5], new bool[5], width: 2));

        Assert.Equal("width", error.ParamName);
    }

    [Fact]
    public void A_limit_outside_zero_to_one_is_rejected_naming_it()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AuproAccumulator(0));

        Assert.Equal("maxFalsePositiveRate", error.ParamName);
    }

    [Fact]
    public void Computing_without_any_defect_region_is_rejected()
    {
        var accumulator = new AuproAccumulator();
        accumulator.Add([0.1f, 0.2f], [false, false], width: 2);

        Assert.Throws<InvalidOperationException>(() => accumulator.Compute());
    }

    private static AuproAccumulator AccumulateAll(AuproFixture fixture, AuproAccumulator accumulator)
    {
        for (int image = 0; image < fixture.AnomalyMaps.Length; image++)
        {
            accumulator.Add(fixture.Float32Map(image), fixture.GroundTruths[image], fixture.Width);
        }

        return accumulator;
    }
}
