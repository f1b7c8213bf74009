using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;
using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Sharing;

/// <summary>Small options, generated grey-noise images and a detector trained on them with <see cref="TinyBackbone"/>: fast.</summary>
internal static class TinyDetectors
{
    public static TrisimpleNetOptions Options() => new()
    {
        Backbone = "tiny",
        BackboneWeightsPath = "unused",
        Resize = 64,
        CropSize = 64,
        EmbeddingWidth = 32,
        LayerEmbeddingWidth = 32,
        DiscriminatorHiddenWidth = 16,
        NoiseScale = NoiseScale.RelativeToFeatureSpread,
        FakeAnomalySigma = 1.0,
        FakeNormalSigma = 0.01,
        Epochs = 2,
        BatchSize = 2,
        Seed = 5,
    };

    /// <summary>Grey noise with values brightness .. brightness + 39, 80 x 72, different for each seed and index.</summary>
    public static List<ImageSource> Images(int count, int seed, int brightness = 100) =>
        Enumerable.Range(0, count).Select(i => ImageSource.FromFactory($"image{i}", () => Noise(80, 72, seed * 1000 + i, brightness))).ToList();

    /// <summary>A grey noise image with values brightness .. brightness + 39.</summary>
    public static Image<Rgb24> Noise(int width, int height, int seed, int brightness = 100)
    {
        var random = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
                foreach (ref var pixel in rows.GetRowSpan(y))
                {
                    byte value = (byte)(brightness + random.Next(40));
                    pixel = new Rgb24(value, value, value);
                }
        });
        return image;
    }

    public static AnomalyDetector Train(IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new AnomalyDetectorBuilder(Options()).WithBackbone(new TinyBackbone()).Train(Images(6, 1), progress, cancellationToken);

    /// <summary>A detector trained with <paramref name="options"/> (usually <see cref="Options"/> changed) on the same six images as <see cref="Train(IProgress{TrainingProgress}?, CancellationToken)"/>.</summary>
    public static AnomalyDetector Train(TrisimpleNetOptions options) =>
        new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).Train(Images(6, 1));

    public static AnomalyDetector Load(string path) => AnomalyDetector.Load(path, _ => new TinyBackbone());
}
