using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Core.Tests.Sharing;
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

    /// <summary>Options of a detector that trains in well under a second on <see cref="TinyBackbone"/>: 1 epoch.</summary>
    public static TrisimpleNetOptions Options()
    {
        var options = TinyDetectors.Options();
        options.Epochs = 1;
        options.Seed = 3;
        return options;
    }

    /// <summary><paramref name="count"/> gray noise images of 80 x 72, generated on demand.</summary>
    public static List<ImageSource> Images(int count, int seed = 1) => TinyDetectors.Images(count, seed);

    /// <summary>A gray noise image (values 100..139).</summary>
    public static Image<Rgb24> Noise(int width, int height, int seed) => TinyDetectors.Noise(width, height, seed);

    public void Dispose()
    {
        Detector.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
