using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Evaluation;

namespace TrisimpleNet.Samples.Tests;

/// <summary>The Benchmark's pictures, drawn with one batch of maps at a time, against those of every map held at once.</summary>
public sealed class PredictorPicturesTests(TrainedTinyModel model) : TemporaryFolderTest, IClassFixture<TrainedTinyModel>
{
    [Fact]
    public void DrawingOneBatchOfMapsAtATimeGivesThePicturesOfHoldingEveryMap()
    {
        // Batches of two, so that the test split arrives in several.
        using var detector = AnomalyDetector.Load(model.ModelPath, new DetectorLoadOptions { InferenceBatchSize = 2 });
        var dataset = MvtecAdDataset.LoadCategory(model.CategoryFolder);
        Assert.True(dataset.Test.Count > 2, $"{dataset.Test.Count} test images");
        var geometry = MapGeometry.Of(detector);
        float pixelThreshold = detector.Decisions.PixelThreshold;
        var held = dataset.Test.Zip(detector.Predict(dataset.Test.Select(sample => sample.Image).ToList()), ScoredImage.Of).ToList();

        var everyMap = CategoryPictures.Write(Path.Combine(Folder, "held"), dataset.Name, held, detector.Threshold, geometry, pixelThreshold: pixelThreshold);
        var (images, oneBatch) = PredictorPictures.Write(new DetectorBatchPredictor(detector), geometry, dataset.Test, detector.Threshold,
            Path.Combine(Folder, "batches"), dataset.Name, pixelThreshold: pixelThreshold);

        Assert.Equal(held.Select(image => image.Score), images.Select(image => image.Score));
        Assert.Equal(pixelThreshold, oneBatch.OutlineThreshold);
        Assert.Equal(everyMap.ContactSheetIndexes, oneBatch.ContactSheetIndexes);
        Assert.Equal(everyMap.Aupro, oneBatch.Aupro);
        Assert.Equal(dataset.Test.Count, oneBatch.Panels.Count);
        foreach (var (expected, actual) in everyMap.Panels.Zip(oneBatch.Panels).Append((everyMap.ContactSheet, oneBatch.ContactSheet)))
            Assert.True(File.ReadAllBytes(expected).SequenceEqual(File.ReadAllBytes(actual)), $"{Path.GetFileName(actual)} differs");
    }
}
