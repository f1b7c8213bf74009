using TrisimpleNet.Samples;

namespace TrisimpleNet.Benchmark;

/// <summary>
/// The pictures of one (category, mode, seed) run for report.html: its scored test images (maps let go), the
/// threshold the outlines and verdicts use and where that threshold comes from, and the picture files.
/// </summary>
public sealed record RunPictures(string Category, string Mode, int Seed, float Threshold, string ThresholdSource,
    IReadOnlyList<ScoredImage> Images, CategoryPictureFiles Pictures);
