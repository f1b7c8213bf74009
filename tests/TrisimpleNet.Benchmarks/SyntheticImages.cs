using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Benchmarks;

/// <summary>Square images of seeded random pixels: timing does not depend on what the pixels show.</summary>
public static class SyntheticImages
{
    /// <summary><paramref name="count"/> images of <paramref name="side"/> pixels, decoded once and held in memory.</summary>
    public static IReadOnlyList<ImageSource> InMemory(int count, int side) =>
        Enumerable.Range(0, count).Select(seed => ImageSource.FromImage($"synthetic-{seed}", Create(side, seed))).ToArray();

    /// <summary><paramref name="count"/> images of <paramref name="side"/> pixels, each made when opened, so none is held.</summary>
    public static IReadOnlyList<ImageSource> OnDemand(int count, int side) =>
        Enumerable.Range(0, count).Select(seed => ImageSource.FromFactory($"synthetic-{seed}", () => Create(side, seed))).ToArray();

    private static Image<Rgb24> Create(int side, int seed)
    {
        var pixels = new byte[side * side * 3];
        new Random(seed).NextBytes(pixels);
        return Image.LoadPixelData<Rgb24>(pixels, side, side);
    }
}
