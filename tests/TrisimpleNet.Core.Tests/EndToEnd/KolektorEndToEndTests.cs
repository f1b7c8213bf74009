using TrisimpleNet.Imaging;
using Xunit.Abstractions;

namespace TrisimpleNet.Core.Tests.EndToEnd;

/// <summary>
/// Trains the offline default (ImageNet ResNet18 from ONNX) on KolektorSDD's defect-free images for a few epochs and
/// checks that test images with cracks score above defect-free ones. Slow (about two minutes on 2 cores).
/// </summary>
[Trait("Category", "Slow")]
public sealed class KolektorEndToEndTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void CracksScoreAboveDefectFreeSurfacesAndSaveLoadKeepsTheScores()
    {
        string root = SharedTestData.Folder("kolektor-sdd");
        var train = Directory.GetFiles(Path.Combine(root, "train", "good")).Order().Select(ImageSource.FromFile).ToList();
        var good = Directory.GetFiles(Path.Combine(root, "test", "good")).Order().ToList();
        var crack = Directory.GetFiles(Path.Combine(root, "test", "crack")).Order().ToList();

        var options = TrisimpleNetOptions.ResNet18();
        options.InputHeight = 320; // the whole 250 x 625 part, no crop, so cracks at the ends stay in view
        options.InputWidth = 128;
        options.EmbeddingWidth = 384;
        options.LayerEmbeddingWidth = 384;
        options.DiscriminatorHiddenWidth = 256;
        options.Epochs = 4;
        options.Threads = Environment.ProcessorCount;
        using var detector = new AnomalyDetectorBuilder(options).Train(train);

        var test = good.Concat(crack).Select(ImageSource.FromFile).ToList();
        var scores = detector.Predict(test).Select(p => (double)p.Score).ToArray();
        var labels = good.Select(_ => false).Concat(crack.Select(_ => true)).ToArray();
        double auroc = MannWhitneyAuroc(scores, labels);
        output.WriteLine($"KolektorSDD image AUROC after {options.Epochs} epochs at 320x128: {auroc:F4}");
        Assert.True(auroc > 0.65, $"image AUROC {auroc:F4} should be well above chance (0.5)");

        string path = Path.Combine(Path.GetTempPath(), $"kolektor-{Guid.NewGuid():N}.tsn");
        try
        {
            detector.Save(path);
            using var loaded = AnomalyDetector.Load(path);
            var some = test.Take(8).ToList();
            Assert.Equal(detector.Predict(some).Select(p => p.Score), loaded.Predict(some).Select(p => p.Score));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Probability that an anomalous image outscores a normal one, ties counting half (the AUROC).
    private static double MannWhitneyAuroc(double[] scores, bool[] labels)
    {
        double wins = 0;
        int positives = 0, negatives = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (!labels[i]) { negatives++; continue; }
            positives++;
            for (int j = 0; j < scores.Length; j++)
                if (!labels[j]) wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
        return wins / positives / negatives;
    }
}
