using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Data.Synthetic;

/// <summary>
/// Writes a seeded synthetic surface-defect dataset in the MVTec AD layout: one category per texture, defect-free training
/// and test images, and for every defect type test images with their 0/255 masks. Same seed and options, same bytes.
/// </summary>
public static class SyntheticSurfaceDataset
{
    private const int TrainPart = -2;
    private const int GoodTestPart = -1;

    private static readonly PngEncoder GrayPng = new()
    {
        ColorType = PngColorType.Grayscale,
        BitDepth = PngBitDepth.Bit8,
        CompressionLevel = PngCompressionLevel.DefaultCompression,
    };

    /// <summary>Writes one category folder per texture under <paramref name="root"/> and returns their paths.</summary>
    /// <exception cref="IOException">A category folder already exists and is not empty.</exception>
    public static IReadOnlyList<string> Generate(string root, SyntheticSurfaceOptions? options = null)
    {
        options ??= new SyntheticSurfaceOptions();
        options.Validate();
        var categoryFolders = options.Textures.Select(texture => Path.Combine(root, texture.Name)).ToArray();
        var occupied = categoryFolders.FirstOrDefault(folder => Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());
        if (occupied is not null)
            throw new IOException($"Category folder '{occupied}' already exists and is not empty; generate into an empty root.");

        var images = ImagesToWrite(options).ToArray();
        foreach (var folder in images.Select(image => Path.GetDirectoryName(image.ImagePath(root, options))!).Distinct())
            Directory.CreateDirectory(folder);
        foreach (var defect in options.Defects)
        foreach (var categoryFolder in categoryFolders)
            Directory.CreateDirectory(Path.Combine(categoryFolder, "ground_truth", defect.Name));

        Parallel.ForEach(images, image => Write(image, root, options));
        return categoryFolders;
    }

    /// <summary>
    /// One image to generate: its texture, its part of the dataset (<see cref="TrainPart"/>, <see cref="GoodTestPart"/>, or the
    /// index of its defect), and its index within that part.
    /// </summary>
    private sealed record PlannedImage(int TextureIndex, int Part, ISurfaceDefect? Defect, int Index)
    {
        private string Split => Part == TrainPart ? "train" : "test";

        public string ImagePath(string root, SyntheticSurfaceOptions options) =>
            Path.Combine(root, options.Textures[TextureIndex].Name, Split, Defect?.Name ?? "good", $"{Index:D3}.png");

        public string MaskPath(string root, SyntheticSurfaceOptions options) =>
            Path.Combine(root, options.Textures[TextureIndex].Name, "ground_truth", Defect!.Name, $"{Index:D3}_mask.png");
    }

    private static IEnumerable<PlannedImage> ImagesToWrite(SyntheticSurfaceOptions options) =>
        Enumerable.Range(0, options.Textures.Count).SelectMany(texture =>
            Enumerable.Range(0, options.TrainCount).Select(index => new PlannedImage(texture, TrainPart, null, index))
                .Concat(Enumerable.Range(0, options.TestGoodCount).Select(index => new PlannedImage(texture, GoodTestPart, null, index)))
                .Concat(options.Defects.SelectMany((defect, defectIndex) => Enumerable.Range(0, options.TestCountPerDefect)
                    .Select(index => new PlannedImage(texture, defectIndex, defect, index)))));

    private static void Write(PlannedImage image, string root, SyntheticSurfaceOptions options)
    {
        var size = options.ImageSize;
        var random = new Random(ImageSeed(options.Seed, image.TextureIndex, image.Part, image.Index));
        var surface = options.Textures[image.TextureIndex].Render(size, random);
        if (image.Defect is not null)
        {
            var coverage = image.Defect.Draw(surface, size, random);
            var mask = coverage.Select(value => value >= 0.5f ? byte.MaxValue : byte.MinValue).ToArray();
            if (!mask.Contains(byte.MaxValue))
                throw new InvalidOperationException(
                    $"Defect '{image.Defect.Name}' drew nothing into '{image.ImagePath(root, options)}'; a defect must cover at least one pixel by half.");
            WriteGrayPng(image.MaskPath(root, options), mask, size);
        }
        WriteGrayPng(image.ImagePath(root, options),
            surface.Select(value => (byte)Math.Clamp(MathF.Round(value * 255), 0, 255)).ToArray(), size);
    }

    /// <summary>A seed for one image, mixed from its coordinates with SplitMix64 so images are independent of generation order.</summary>
    private static int ImageSeed(int seed, int textureIndex, int part, int index)
    {
        var state = (ulong)(uint)seed;
        foreach (var coordinate in new[] { textureIndex, part, index })
        {
            state = (state ^ (uint)coordinate) + 0x9E3779B97F4A7C15UL;
            state = (state ^ (state >> 30)) * 0xBF58476D1CE4E5B9UL;
            state = (state ^ (state >> 27)) * 0x94D049BB133111EBUL;
            state ^= state >> 31;
        }
        return (int)(state & int.MaxValue);
    }

    private static void WriteGrayPng(string path, byte[] pixels, int size)
    {
        using var image = Image.LoadPixelData<L8>(pixels, size, size);
        image.SaveAsPng(path, GrayPng);
    }
}
