using TrisimpleNet.Features;
using TrisimpleNet.Scoring;
using static TorchSharp.torch;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>Parts the exporter cannot write as ONNX are refused with a message that names them.</summary>
public sealed class CustomPartRefusalTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-onnx-refusal-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static AnomalyDetector Train(Func<AnomalyDetectorBuilder, AnomalyDetectorBuilder> customize)
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.InputHeight = 32;
        options.InputWidth = 32;
        options.Epochs = 1;
        return customize(new AnomalyDetectorBuilder(options)).Train(SharedTestData.KolektorImages("train/good", 2));
    }

    [SkippableFact]
    public void ACustomScorerIsRefusedByName()
    {
        using var detector = Train(builder => builder.WithScorer(new SquaredMaxScorer()));
        var error = Assert.Throws<NotSupportedException>(() => detector.ExportOnnx(Path.Combine(_folder, "model.onnx")));
        Assert.Contains(nameof(SquaredMaxScorer), error.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [SkippableFact]
    public void ACustomAggregatorIsRefusedByName()
    {
        using var detector = Train(builder => builder.WithFeatureAggregator(new FirstLayerAggregator()));
        var error = Assert.Throws<NotSupportedException>(() => detector.ExportOnnx(Path.Combine(_folder, "model.onnx")));
        Assert.Contains(nameof(FirstLayerAggregator), error.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    private sealed class SquaredMaxScorer : IScorer
    {
        private readonly MaxScorer _scorer = new();

        public (Tensor ImageScores, Tensor Maps) Score(Tensor patchScores, int height, int width) =>
            _scorer.Score(patchScores.square(), height, width);
    }

    private sealed class FirstLayerAggregator : IFeatureAggregator
    {
        public int OutputWidth => 128;

        public Tensor Aggregate(IReadOnlyList<Tensor> layers) => layers[0].permute(0, 2, 3, 1).contiguous();
    }
}
