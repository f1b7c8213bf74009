using TrisimpleNet.Data.Baselines;
using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Evaluation;
using static TorchSharp.torch;

namespace TrisimpleNet.Data.Tests.Baselines;

/// <summary>The PatchCore baseline on ResNet18 features of a small synthetic category (64 x 64, width 64).</summary>
public sealed class PatchCoreTests : IDisposable
{
    private readonly SmallSyntheticCategory _category = new();

    public void Dispose() => _category.Dispose();

    private AnomalyDataset SmallCategory() => _category.Load();

    /// <summary>ResNet18 features of a 64 x 64 input at width 64, two images per batch.</summary>
    internal static TrisimpleNetOptions SmallFeatures()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.Resize = 64;
        options.CropSize = 64;
        options.InputPixels = null;
        options.EmbeddingWidth = 64;
        options.LayerEmbeddingWidth = 64;
        options.InferenceBatchSize = 2;
        return options;
    }

    [Fact]
    public void TheCoresetKeepsTheRatioOfTrainingPositionsRoundedUp()
    {
        var dataset = SmallCategory();

        using var patchCore = PatchCore.Fit(dataset.Train, SmallFeatures(), new PatchCoreOptions { CoresetRatio = 0.1 });

        // 4 images x an 8 x 8 grid (layer2 of a 64 x 64 input) = 256 positions; 10% is 25.6, kept as 26.
        Assert.Equal(256, patchCore.TrainingPositions);
        Assert.Equal(26, patchCore.Bank.Count);
        Assert.Equal(64, patchCore.Bank.Width);
    }

    [Fact]
    public void TheImageScoreIsTheLargestPatchDistance()
    {
        var dataset = SmallCategory();
        using var patchCore = PatchCore.Fit(dataset.Train, SmallFeatures(), new PatchCoreOptions { CoresetRatio = 0.1 });
        var images = dataset.Test.Select(sample => sample.Image).ToList();

        var imageScores = new float[images.Count];
        patchCore.PredictBatches(images, (start, scores, maps) => scores.data<float>().CopyTo(imageScores, start));

        var largestPatchScores = new float[images.Count];
        patchCore.Extractor.ExtractBatches(images, 2, (start, features) =>
        {
            using var patchScores = patchCore.ScorePatches(features);
            using var largest = patchScores.flatten(1).amax(1);
            largest.data<float>().CopyTo(largestPatchScores, start);
        });
        Assert.Equal(largestPatchScores, imageScores);
    }

    [Fact]
    public void WithTheWholeBankTrainingImagesScoreZeroUpToRounding()
    {
        var dataset = SmallCategory();
        using var patchCore = PatchCore.Fit(dataset.Train, SmallFeatures(), new PatchCoreOptions { CoresetRatio = 1 });

        var scores = new List<float>();
        patchCore.PredictBatches(dataset.Train, (_, imageScores, _) => scores.AddRange(imageScores.data<float>().ToArray()));

        Assert.Equal(patchCore.TrainingPositions, patchCore.Bank.Count);
        Assert.All(scores, score => Assert.InRange(score, 0, 0.05f));
    }

    [Fact]
    public void TheEvaluatorScoresItLikeADetector()
    {
        var dataset = SmallCategory();
        using var patchCore = PatchCore.Fit(dataset.Train, SmallFeatures(), new PatchCoreOptions());

        var evaluation = Evaluator.Evaluate(patchCore, dataset);

        Assert.Equal(dataset.Test.Count, evaluation.ImageScores.Count);
        Assert.InRange(evaluation.ImageAuroc, 0, 1);
        Assert.InRange(evaluation.PixelAuroc!.Value, 0, 1);
        Assert.InRange(evaluation.Aupro!.Value, 0, 1);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void ACoresetRatioOutsideZeroToOneIsRejected(double ratio)
    {
        var dataset = SmallCategory();

        var error = Assert.Throws<ArgumentException>(() =>
            PatchCore.Fit(dataset.Train, SmallFeatures(), new PatchCoreOptions { CoresetRatio = ratio }));

        Assert.Contains("CoresetRatio", error.Message);
    }
}
