using System.Text.Json;

namespace TrisimpleNet.Data.Tests.Fixtures;

/// <summary>Expected metric values computed by make_metric_fixtures.py with scikit-learn and scipy, read from metric_fixtures.json.</summary>
public sealed record MetricFixtures(
    IReadOnlyList<LabelledScoresFixture> LabelledScores,
    IReadOnlyList<FalsePositiveRateThresholdFixture> FalsePositiveRateThresholds,
    IReadOnlyList<AuproFixture> Aupro)
{
    /// <summary>Tolerance for every comparison with the Python references.</summary>
    public const double Tolerance = 1e-9;

    private static readonly Lazy<MetricFixtures> Loaded = new(() => JsonSerializer.Deserialize<MetricFixtures>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "metric_fixtures.json")),
        new JsonSerializerOptions(JsonSerializerDefaults.Web))!);

    public static MetricFixtures Instance => Loaded.Value;

    public static TheoryData<string> Names<TFixture>(Func<MetricFixtures, IEnumerable<TFixture>> select, Func<TFixture, string> name) =>
        new(select(Instance).Select(name));
}

public sealed record LabelledScoresFixture(string Name, double[] Scores, bool[] Labels, double Auroc, double F1Max, double F1MaxThreshold)
{
    public static TheoryData<string> Names => MetricFixtures.Names(all => all.LabelledScores, fixture => fixture.Name);

    /// <summary>The fixtures whose scores are all float32 values, so float overloads see exactly the recorded input.</summary>
    public static TheoryData<string> Float32Names =>
        MetricFixtures.Names(all => all.LabelledScores.Where(fixture => fixture.Scores.All(score => (double)(float)score == score)), fixture => fixture.Name);

    public static LabelledScoresFixture Named(string name) => MetricFixtures.Instance.LabelledScores.Single(fixture => fixture.Name == name);

    public float[] Float32Scores => Scores.Select(score => (float)score).ToArray();
}

public sealed record FalsePositiveRateThresholdFixture(string Name, double[] NormalScores, double[] Rates, double[] Thresholds)
{
    public static TheoryData<string> Names => MetricFixtures.Names(all => all.FalsePositiveRateThresholds, fixture => fixture.Name);

    public static FalsePositiveRateThresholdFixture Named(string name) =>
        MetricFixtures.Instance.FalsePositiveRateThresholds.Single(fixture => fixture.Name == name);
}

public sealed record AuproFixture(
    string Name, int Width, double[][] AnomalyMaps, bool[][] GroundTruths, int RegionCount, double[] MaxFalsePositiveRates, double[] Aupros)
{
    public static TheoryData<string> Names => MetricFixtures.Names(all => all.Aupro, fixture => fixture.Name);

    public static AuproFixture Named(string name) => MetricFixtures.Instance.Aupro.Single(fixture => fixture.Name == name);

    public float[] Float32Map(int image) => AnomalyMaps[image].Select(score => (float)score).ToArray();
}
