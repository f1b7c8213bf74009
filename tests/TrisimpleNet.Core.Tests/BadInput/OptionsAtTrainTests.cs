using Microsoft.Extensions.Options;
using TorchSharp;
using TrisimpleNet.Backbones;
using TrisimpleNet.Imaging;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>
/// Wrong options fail as soon as the builder is asked to train, with a message naming the option, before a single
/// image is decoded (so not after an hour of feature extraction, and not in epoch 37).
/// </summary>
public sealed class OptionsAtTrainTests
{
    private int _imagesOpened;

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.5)]
    [InlineData(0.0)]
    public void FakeAnomalySigmaMustBeAPositiveNumber(double sigma)
    {
        var error = TrainWith(o => o.FakeAnomalySigma = sigma);

        Assert.Contains($"FakeAnomalySigma is {sigma}; it must be a positive number", error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(-0.01)]
    public void FakeNormalSigmaMustBeAFiniteNumberAtLeastZero(double sigma)
    {
        var error = TrainWith(o => o.FakeNormalSigma = sigma);

        Assert.Contains($"FakeNormalSigma is {sigma}; it must be a finite number >= 0", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void CheckpointEveryEpochsBelowOneIsRefused(int epochs)
    {
        var error = TrainWith(o => (o.CheckpointEveryEpochs, o.CheckpointPath) = (epochs, "run.ckpt"));

        Assert.Contains($"CheckpointEveryEpochs is {epochs}; it must be at least 1", error.Message);
    }

    [Fact]
    public void CheckpointsWithoutACheckpointPathAreRefused()
    {
        var error = TrainWith(o => o.CheckpointEveryEpochs = 2);

        Assert.Contains("CheckpointPath must name the checkpoint file when CheckpointEveryEpochs is set", error.Message);
    }

    [Fact]
    public void FakeNormalSigmaMustBeBelowFakeAnomalySigma()
    {
        var error = TrainWith(o => o.FakeNormalSigma = 2.0);

        Assert.Contains("FakeNormalSigma (2) must be smaller than FakeAnomalySigma (1)", error.Message);
    }

    [Fact]
    public void NegativeAscentStepsAreRefused()
    {
        var error = TrainWith(o => o.FakeAnomalyAscentSteps = -1);

        Assert.Contains("FakeAnomalyAscentSteps is -1; it must be 0 (plain noise) or more", error.Message);
    }

    [Fact]
    public void AnAscentBeforeTheFirstEpochIsRefused()
    {
        var error = TrainWith(o => o.FakeAnomalyAscentFromEpoch = 0);

        Assert.Contains("FakeAnomalyAscentFromEpoch is 0; it must be 1 (harden from the first epoch) or later", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    public void WeightAveragingOverNoEpochsOrForeverIsRefused(double epochs)
    {
        var error = TrainWith(o => o.WeightAveragingEpochs = epochs);

        Assert.Contains($"WeightAveragingEpochs is {epochs}; it must be a finite number of epochs above 0", error.Message);
    }

    [Fact]
    public void EpochsBelowOneIsRefused()
    {
        var error = TrainWith(o => o.Epochs = 0);

        Assert.Contains("Epochs is 0; it must be at least 1", error.Message);
    }

    [Fact]
    public void BatchSizeBelowOneIsRefused()
    {
        var error = TrainWith(o => o.BatchSize = 0);

        Assert.Contains("BatchSize is 0; it must be at least 1", error.Message);
    }

    [Fact]
    public void UnknownLayerIsNamed()
    {
        var error = TrainWith(o => o.Layers = ["layer2", "layer9"]);

        Assert.Contains("Layers contains 'layer9'; expected layer1, layer2, layer3 or layer4", error.Message);
    }

    [Fact]
    public void CropSizeBelowWhatAResNetTakesIsRefused()
    {
        var error = TrainWith(o => (o.Resize, o.CropSize) = (16, 16));

        Assert.Contains("CropSize is 16; it must be at least 32 pixels", error.Message);
    }

    [Fact]
    public void MaxImagePixelsBelowOneIsRefused()
    {
        var error = TrainWith(o => o.MaxImagePixels = 0);

        Assert.Contains("MaxImagePixels is 0; it must be at least 1", error.Message);
    }

    [Fact]
    public void InputSizeTheBackboneCannotTakeFailsBeforeTheFirstEpochNamingTheOption()
    {
        var options = TinyDetectorFixture.Options();
        (options.Resize, options.CropSize) = (48, 48);
        var epochs = new List<TrainingProgress>();

        var error = Assert.Throws<ArgumentException>(() => new AnomalyDetectorBuilder(options)
            .WithBackbone(new WideKernelBackbone())
            .Train(CountedImages(4), new Progress(epochs)));

        Assert.Contains("could not process images of 48x48 pixels", error.Message);
        Assert.Contains("TrisimpleNetOptions.CropSize", error.Message);
        Assert.DoesNotContain(epochs, report => report.Stage == TrainingStage.Epoch);
    }

    private OptionsValidationException TrainWith(Action<TrisimpleNetOptions> change)
    {
        var builder = new AnomalyDetectorBuilder(TinyDetectorFixture.Options()).WithBackbone(new TinyBackbone()).Configure(change);

        var error = Assert.Throws<OptionsValidationException>(() => builder.Train(CountedImages(4)));

        Assert.Equal(0, _imagesOpened);
        Assert.Contains("TrisimpleNetOptions.", error.Message);
        return error;
    }

    private List<ImageSource> CountedImages(int count) =>
        Enumerable.Range(0, count).Select(i => ImageSource.FromFactory($"image{i}", () =>
        {
            Interlocked.Increment(ref _imagesOpened);
            return TinyDetectorFixture.Noise(80, 72, i);
        })).ToList();

    private sealed class Progress(List<TrainingProgress> reports) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => reports.Add(value);
    }

    /// <summary>A backbone whose first layer is a 64 x 64 convolution without padding: it cannot take images under 64 pixels.</summary>
    private sealed class WideKernelBackbone : IBackbone
    {
        private readonly nn.Module<Tensor, Tensor> _layer = nn.Conv2d(3, 4, 64);

        public BackboneDescriptor Descriptor { get; } = new("wide-kernel", "test", null, null, ["layer1"]);

        public IReadOnlyList<int> LayerChannels { get; } = [4];

        public Tensor[] Extract(Tensor rgb) => [_layer.forward(rgb)];

        public void MoveTo(Device device) => _layer.to(device);

        public void Dispose() => _layer.Dispose();
    }
}
