using TrisimpleNet.Core.Tests.Sharing;

namespace TrisimpleNet.Core.Tests.Training;

/// <summary>
/// <see cref="TrisimpleNetOptions.SubtractPositionBias"/>: training is unchanged, and every image's map loses the same
/// per-position amount; the detector saves and loads with its bias.
/// </summary>
public sealed class PositionBiasTrainingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-position-bias-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static AnomalyDetector Train(bool subtractPositionBias)
    {
        var options = TinyDetectors.Options();
        options.SubtractPositionBias = subtractPositionBias;
        return TinyDetectors.Train(options);
    }

    [Fact]
    public void EveryMapLosesTheSamePerPositionAmount()
    {
        using var plain = Train(subtractPositionBias: false);
        using var biased = Train(subtractPositionBias: true);
        Assert.Null(plain.PositionBias);
        Assert.NotNull(biased.PositionBias);
        Assert.Equal(plain.TrainingHistory.Select(epoch => epoch.Loss), biased.TrainingHistory.Select(epoch => epoch.Loss));

        var images = TinyDetectors.Images(3, 2);
        var differences = plain.Predict(images).Zip(biased.Predict(images),
            (p, b) => p.Map.Zip(b.Map, (x, y) => x - y).ToArray()).ToList();
        Assert.True(differences[0].Max() - differences[0].Min() > 1e-3f, "the bias should differ between positions");
        foreach (var difference in differences.Skip(1))
            Assert.All(difference.Zip(differences[0], (a, b) => Math.Abs(a - b)), gap => Assert.InRange(gap, 0f, 1e-4f));
    }

    [Fact]
    public void TheBiasOutlivesADisposeScopeAroundTrainingAndLoading()
    {
        AnomalyDetector trained, loaded;
        string path = Path.Combine(_folder, "scoped.tsn");
        using (TorchSharp.torch.NewDisposeScope())
        {
            trained = Train(subtractPositionBias: true);
            trained.Save(path);
            loaded = TinyDetectors.Load(path);
        }
        using (trained)
        using (loaded)
        {
            var images = TinyDetectors.Images(2, 2);
            Assert.Equal(trained.Predict(images).Select(p => p.Score), loaded.Predict(images).Select(p => p.Score));
            Assert.False(trained.PositionBias!.Values.IsInvalid);
        }
    }

    [Fact]
    public void ADetectorSavesAndLoadsWithItsBias()
    {
        using var detector = Train(subtractPositionBias: true);
        string path = Path.Combine(_folder, "biased.tsn");
        detector.Save(path);
        using var loaded = TinyDetectors.Load(path);
        Assert.Equal(detector.PositionBias!.ToArray(), loaded.PositionBias!.ToArray());
        var images = TinyDetectors.Images(3, 2);
        Assert.Equal(detector.Predict(images).Select(p => p.Score), loaded.Predict(images).Select(p => p.Score));
    }
}
