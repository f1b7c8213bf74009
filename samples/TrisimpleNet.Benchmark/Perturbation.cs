using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Benchmark;

/// <summary>
/// A small disturbance of an 8-bit image that should not change a normal image's verdict (issue 9, section 4):
/// Gaussian pixel noise, JPEG re-encoding, a brightness change or a one-pixel shift. Results are rounded to 8 bits.
/// </summary>
public sealed class Perturbation
{
    private readonly Func<Image<Rgb24>, int, Image<Rgb24>> _apply;

    private Perturbation(string name, Func<Image<Rgb24>, int, Image<Rgb24>> apply)
    {
        Name = name;
        _apply = apply;
    }

    /// <summary>Short name, for example "noise-1/255".</summary>
    public string Name { get; }

    /// <summary>The disturbances the issue names: noise sigma 1/255 and 3/255, JPEG 90, brightness +-3%, a 1-pixel shift.</summary>
    public static IReadOnlyList<Perturbation> Standard { get; } =
    [
        GaussianNoise(1), GaussianNoise(3), Jpeg(90), Brightness(1.03), Brightness(0.97), ShiftRight(1),
    ];

    /// <summary>Adds Gaussian noise of <paramref name="levels"/>/255 per channel, seeded by the image's index.</summary>
    public static Perturbation GaussianNoise(double levels) => new($"noise-{levels}/255", (image, index) =>
    {
        var random = new Random(index);
        return Map(image, value =>
        {
            // Box-Muller: one standard normal from two uniforms in (0, 1].
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return value + levels * normal;
        });
    });

    /// <summary>Multiplies every channel by <paramref name="factor"/>.</summary>
    public static Perturbation Brightness(double factor) =>
        new($"brightness{(factor >= 1 ? "+" : "-")}{Math.Abs(factor - 1) * 100:0.#}%", (image, _) => Map(image, value => value * factor));

    /// <summary>Encodes as JPEG at <paramref name="quality"/> and decodes again.</summary>
    public static Perturbation Jpeg(int quality) => new($"jpeg-{quality}", (image, _) =>
    {
        using var encoded = new MemoryStream();
        image.SaveAsJpeg(encoded, new JpegEncoder { Quality = quality });
        encoded.Position = 0;
        return Image.Load<Rgb24>(encoded);
    });

    /// <summary>Moves the content <paramref name="pixels"/> to the right, repeating the first column at the left edge.</summary>
    public static Perturbation ShiftRight(int pixels) => new($"shift-{pixels}px", (image, _) =>
    {
        var shifted = new Image<Rgb24>(image.Width, image.Height);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
                shifted[x, y] = image[Math.Max(0, x - pixels), y];
        return shifted;
    });

    /// <summary>The images disturbed lazily: each is opened, disturbed (seeded by its index) and named with the disturbance.</summary>
    public IReadOnlyList<ImageSource> Apply(IReadOnlyList<ImageSource> images) =>
        images.Select((source, index) => ImageSource.FromFactory($"{source.Name} ({Name})", () =>
        {
            using var original = source.Open();
            return _apply(original, index);
        })).ToList();

    private static Image<Rgb24> Map(Image<Rgb24> image, Func<double, double> channel)
    {
        static byte Round(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
        var result = new Image<Rgb24>(image.Width, image.Height);
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var pixel = image[x, y];
                result[x, y] = new Rgb24(Round(channel(pixel.R)), Round(channel(pixel.G)), Round(channel(pixel.B)));
            }
        return result;
    }
}
