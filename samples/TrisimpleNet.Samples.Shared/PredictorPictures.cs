using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Evaluation;

namespace TrisimpleNet.Samples;

/// <summary>
/// Scores images (a labelled test split, or any others) with a detector or a baseline and writes the pictures of
/// <see cref="CategoryPictures"/>, holding one batch of maps at a time however many images there are: a first pass of batches records the image scores and
/// the maps' range (the category's heat scale), a second draws each image as its batch arrives.
/// </summary>
public static class PredictorPictures
{
    /// <summary>
    /// Writes the pictures of <paramref name="samples"/> scored by <paramref name="predictor"/> into
    /// <paramref name="folder"/>; returns the scored images (their maps let go: <see cref="ScoredImage.Map"/> is empty)
    /// and the picture files. Outlines are drawn at <paramref name="pixelThreshold"/>, or at <paramref name="threshold"/> without one.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is empty.</exception>
    public static (IReadOnlyList<ScoredImage> Images, CategoryPictureFiles Pictures) Write(IBatchPredictor predictor, MapGeometry geometry,
        IReadOnlyList<TestSample> samples, float threshold, string folder, string category, bool panels = true,
        float? pixelThreshold = null) =>
        Write(predictor, geometry, samples.Select(ScoredImage.Unscored).ToList(), threshold, folder, category, panels, pixelThreshold);

    /// <summary>
    /// As the overload for test samples, for any images: <paramref name="unscored"/> gives each image with its label
    /// and mask where it has them (score and map are ignored), in the order of the returned images.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="unscored"/> is empty.</exception>
    public static (IReadOnlyList<ScoredImage> Images, CategoryPictureFiles Pictures) Write(IBatchPredictor predictor, MapGeometry geometry,
        IReadOnlyList<ScoredImage> unscored, float threshold, string folder, string category, bool panels = true,
        float? pixelThreshold = null)
    {
        var sources = unscored.Select(image => image.Image).ToList();
        var scores = new float[unscored.Count];
        float lowest = float.PositiveInfinity, highest = float.NegativeInfinity;
        predictor.PredictBatches(sources, (start, batchScores, maps) =>
        {
            batchScores.data<float>().CopyTo(scores, start);
            using var low = maps.min();
            using var high = maps.max();
            lowest = Math.Min(lowest, low.item<float>());
            highest = Math.Max(highest, high.item<float>());
        });
        var images = unscored.Select((image, i) => image with { Score = scores[i], Map = [] }).ToList();

        using var writer = new CategoryPictureWriter(folder, category, images, threshold, geometry, HeatScale.Spanning(lowest, highest, pixelThreshold ?? threshold), panels, pixelThreshold);
        int pixels = geometry.MapHeight * geometry.MapWidth;
        predictor.PredictBatches(sources, (start, _, maps) =>
        {
            var values = maps.data<float>().ToArray();
            for (int i = 0; i < values.Length / pixels; i++)
                writer.Draw(start + i, values.AsSpan(i * pixels, pixels).ToArray());
        });
        return (images, writer.Finish());
    }
}
