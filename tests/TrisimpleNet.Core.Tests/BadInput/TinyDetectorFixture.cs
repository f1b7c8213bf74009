using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>One tiny detector (random two-layer backbone, 64 x 64 input, 1 epoch) shared by the tests of a class, and a scratch folder.</summary>
public sealed class TinyDetectorFixture : IDisposable
{
    public TinyDetectorFixture()
    {
        Detector = new AnomalyDetectorBuilder(Options()).WithBackbone(new TinyBackbone()).Train(Images(4));
    }

    public AnomalyDetector Detector { get; }

    public string Folder { get; } = Directory.CreateTempSubdirectory("trisimplenet-badinput-").FullName;

    /// <summary>A path in the scratch folder, unique to the caller's test.</summary>
    public string PathFor(string fileName) => Path.Combine(Folder, Guid.NewGuid().ToString("N")[..8] + "-" + fileName);

    /// <summary>Options of a detector that trains in well under a second on <see cref="TinyBackbone"/>.</summary>
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
        Epochs = 1,
        BatchSize = 2,
        Seed = 3,
    };

    /// <summary><paramref name="count"/> gray noise images of 80 x 72, generated on demand.</summary>
    public static List<ImageSource> Images(int count, int seed = 1) =>
        Enumerable.Range(0, count).Select(i => ImageSource.FromFactory($"image{i}", () => Noise(80, 72, seed * 1000 + i))).ToList();

    /// <summary>A gray noise image (values 100..139).</summary>
    public static Image<Rgb24> Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < rows.Height; y++)
                foreach (ref var pixel in rows.GetRowSpan(y))
                {
                    byte value = (byte)(100 + random.Next(40));
                    pixel = new Rgb24(value, value, value);
                }
        });
        return image;
    }

    public void Dispose()
    {
        Detector.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
