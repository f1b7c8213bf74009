namespace TrisimpleNet.Benchmark;

/// <summary>One (category, mode) over its seeds: each measure's mean and 95% t-interval, as results.json records them.</summary>
public sealed record BenchmarkSummary(
    string Category,
    string Mode,
    IReadOnlyList<int> Seeds,
    MeanOverSeeds ImageAuroc,
    MeanOverSeeds? PixelAuroc,
    MeanOverSeeds? Aupro,
    MeanOverSeeds TrainSeconds,
    MeanOverSeeds InferenceImagesPerSecond)
{
    /// <summary>One summary per (category, mode), in the order the runs first name them.</summary>
    public static IReadOnlyList<BenchmarkSummary> Of(IReadOnlyList<BenchmarkRunResult> runs) =>
        runs.GroupBy(run => (run.Category, run.Mode)).Select(group =>
        {
            var seeds = group.ToList();
            MeanOverSeeds? Optional(Func<BenchmarkRunResult, double?> metric) =>
                seeds.All(run => metric(run) is not null) ? MeanOverSeeds.Of(seeds.Select(run => metric(run)!.Value).ToList()) : null;
            return new BenchmarkSummary(group.Key.Category, group.Key.Mode, seeds.Select(run => run.Seed).ToList(),
                MeanOverSeeds.Of(seeds.Select(run => run.ImageAuroc).ToList()),
                Optional(run => run.PixelAuroc),
                Optional(run => run.Aupro),
                MeanOverSeeds.Of(seeds.Select(run => run.TrainSeconds).ToList()),
                MeanOverSeeds.Of(seeds.Select(run => run.InferenceImagesPerSecond).ToList()));
        }).ToList();
}
