using SixLabors.ImageSharp;
using TrisimpleNet.Core.Tests.Sharing;
using TorchSharp;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// The library leaves no tensor for the finalizer: every temporary it makes is disposed by a scope or a using, and
/// whatever it keeps is disposed with the detector (docs/thread-safety.md).
/// </summary>
[Collection(nameof(WorkingSetCollection))]
public sealed class TensorLifetimeTests
{
    [Fact]
    public void TheCountSeesATemporaryLeftForTheFinalizer()
    {
        long left = TensorsLeftToTheFinalizer.Count(() =>
        {
            using var ones = torch.ones(3);
            ones.exp().Dispose();
            ones.neg();
        });

        Assert.Equal(1, left);
    }

    [Fact]
    public void PredictingLeavesNothing()
    {
        using var detector = TinyDetectors.Train();
        var images = TinyDetectors.Images(3, 3);
        detector.Predict(images);

        Assert.Equal(0, TensorsLeftToTheFinalizer.Count(() => detector.Predict(images)));
    }

    [Fact]
    public void PredictingAsynchronouslyLeavesNothing()
    {
        using var detector = TinyDetectors.Train();
        var png = new MemoryStream();
        TinyDetectors.Noise(80, 72, 3).SaveAsPng(png);
        void PredictOnce() => detector.PredictAsync(new MemoryStream(png.ToArray())).GetAwaiter().GetResult();
        PredictOnce();

        Assert.Equal(0, TensorsLeftToTheFinalizer.Count(PredictOnce));
    }

    [Fact]
    public void PredictingOneByOneAndCalibratingLeaveNothing()
    {
        using var detector = TinyDetectors.Train();
        var images = TinyDetectors.Images(3, 3);
        detector.PredictEach(images).ToList();

        Assert.Equal(0, TensorsLeftToTheFinalizer.Count(() =>
        {
            detector.PredictEach(images).ToList();
            detector.Calibrate(images).Dispose();
        }));
    }

    [Fact]
    public void TrainingAndDisposingLeavesNothing()
    {
        Assert.Equal(0, TensorsLeftToTheFinalizer.Count(() => TinyDetectors.Train().Dispose()));
    }

    [SkippableFact]
    public void ThePackagedResNet18TrainingPredictingExportingAndLoadingLeaveNothing()
    {
        var options = SmallKolektorDetectors.Options();
        var images = SmallKolektorDetectors.TrainingImages(4);
        string model = Path.Combine(Path.GetTempPath(), $"lifetime-{Guid.NewGuid():N}.tsn");
        string onnx = Path.ChangeExtension(model, ".onnx");
        try
        {
            Assert.Equal(0, TensorsLeftToTheFinalizer.Count(() =>
            {
                using (var detector = new AnomalyDetectorBuilder(options).Train(images))
                {
                    detector.Predict(images);
                    detector.Save(model);
                    detector.ExportOnnx(onnx);
                }
                using var loaded = AnomalyDetector.Load(model);
                loaded.Predict(images);
            }));
        }
        finally
        {
            File.Delete(model);
            File.Delete(onnx);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1.0)]
    public void CheckpointingResumingAndDisposingLeaveNothing(double? weightAveragingEpochs)
    {
        string checkpoint = Path.Combine(Path.GetTempPath(), $"lifetime-{Guid.NewGuid():N}.ckpt");
        try
        {
            Assert.Equal(0, TensorsLeftToTheFinalizer.Count(() =>
            {
                CheckpointRuns.Builder(checkpoint, weightAveragingEpochs: weightAveragingEpochs).Train(CheckpointRuns.TrainingImages()).Dispose();
                CheckpointRuns.Builder(checkpoint, weightAveragingEpochs: weightAveragingEpochs).ResumeFrom(checkpoint).Train(CheckpointRuns.TrainingImages()).Dispose();
            }));
        }
        finally
        {
            File.Delete(checkpoint);
        }
    }

    [Fact]
    public void SavingLoadingAndDisposingLeavesNothing()
    {
        using var detector = TinyDetectors.Train();
        string path = Path.Combine(Path.GetTempPath(), $"lifetime-{Guid.NewGuid():N}.tsn");
        try
        {
            Assert.Equal(0, TensorsLeftToTheFinalizer.Count(() =>
            {
                detector.Save(path);
                TinyDetectors.Load(path).Dispose();
            }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
