using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Evaluation;

namespace TrisimpleNet.Data.Tests.Evaluation;

/// <summary>Evaluation of a quickly trained ResNet18 detector (64 x 64, width 64, one epoch) on a small synthetic category.</summary>
public sealed class EvaluatorTests : IDisposable
{
    private readonly SmallSyntheticCategory _category = new();

    public void Dispose() => _category.Dispose();

    private AnomalyDataset SmallCategory() => _category.Load();

    private static AnomalyDetector Train(AnomalyDataset dataset)
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.Resize = 64;
        options.CropSize = 64;
        options.InputPixels = null;
        options.EmbeddingWidth = 64;
        options.LayerEmbeddingWidth = 64;
        options.DiscriminatorHiddenWidth = 32;
        options.Epochs = 1;
        options.BatchSize = 2;
        return new AnomalyDetectorBuilder(options).Train(dataset.Train);
    }

    [Fact]
    public void ReportsEveryMetricWithinItsRangeAndOneScorePerTestImage()
    {
        var dataset = SmallCategory();
        using var detector = Train(dataset);

        var evaluation = Evaluator.Evaluate(detector, dataset);

        Assert.Equal("grainy_stone", evaluation.Category);
        Assert.Equal((3, dataset.Test.Count - 3), (evaluation.NormalCount, evaluation.AnomalousCount));
        Assert.Equal(dataset.Test.Count, evaluation.ImageScores.Count);
        Assert.Equal(dataset.Test.Select(sample => sample.IsAnomalous), evaluation.ImageLabels);
        Assert.InRange(evaluation.ImageAuroc, 0, 1);
        Assert.InRange(evaluation.PixelAuroc!.Value, 0, 1);
        Assert.InRange(evaluation.Aupro!.Value, 0, 1);
        Assert.InRange(evaluation.F1Max, 0, 1);
        Assert.True(evaluation.InferenceImagesPerSecond > 0);
    }

    [Fact]
    public void ImageScoresAgreeWithPredict()
    {
        var dataset = SmallCategory();
        using var detector = Train(dataset);

        var evaluation = Evaluator.Evaluate(detector, dataset);

        var predicted = detector.Predict(dataset.Test.Select(sample => sample.Image).ToList()).Select(p => p.Score);
        Assert.Equal(predicted, evaluation.ImageScores);
    }

    [Fact]
    public void PixelMetricsAreNullWithoutPixelLabels()
    {
        var dataset = SmallCategory();
        var imageLevelOnly = new AnomalyDataset(dataset.Name, dataset.Train,
            dataset.Test.Select(sample => sample.IsAnomalous
                ? TestSample.Anomalous(sample.Image, sample.DefectType)
                : TestSample.Normal(sample.Image)).ToList());
        using var detector = Train(dataset);

        var evaluation = Evaluator.Evaluate(detector, imageLevelOnly);

        Assert.Null(evaluation.PixelAuroc);
        Assert.Null(evaluation.Aupro);
        Assert.InRange(evaluation.ImageAuroc, 0, 1);
    }
}
