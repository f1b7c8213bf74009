using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Data.Synthetic;

/// <summary>
/// A validation split made from defect-free training images alone, for choosing settings without test labels: a share
/// of the training images is held out, and each held-out image is scored twice, as it is (normal) and with one
/// procedural defect (crack, scratch or hole in turn) painted into a random square of it, with the defect's mask. The
/// defect is drawn at <see cref="DrawSide"/> pixels and scaled to the square, so its size follows the image's, and it
/// changes the image's brightness only, as the generator's defects do on its grey surfaces.
/// </summary>
public static class SyntheticDefectValidation
{
    /// <summary>Side in pixels at which defects are drawn before scaling to their square.</summary>
    public const int DrawSide = 48;

    /// <summary>The square's side as a share of the image's shorter side.</summary>
    public const double SquareShare = 0.48;

    private static readonly ISurfaceDefect[] Defects = [new CrackDefect(), new ScratchDefect(), new HoleDefect()];

    /// <summary>
    /// Splits <paramref name="dataset"/>'s training images: <paramref name="share"/> of them (at least one) become the
    /// test set as described above, chosen and painted from <paramref name="seed"/>; the rest stay training images. The
    /// dataset's own test set is not used.
    /// </summary>
    /// <exception cref="ArgumentException">The share is not in (0, 1), or it would leave no training image.</exception>
    public static AnomalyDataset Split(AnomalyDataset dataset, double share, int seed)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!(share > 0 && share < 1))
            throw new ArgumentOutOfRangeException(nameof(share), share, "The validation share must be in (0, 1).");
        int heldOut = Math.Max(1, (int)Math.Round(share * dataset.Train.Count));
        if (heldOut >= dataset.Train.Count)
            throw new ArgumentException(
                $"'{dataset.Name}' has {dataset.Train.Count} training images; holding out {heldOut} for validation would leave none to train on.", nameof(share));
        var random = new Random(seed);
        var order = Enumerable.Range(0, dataset.Train.Count).OrderBy(_ => random.Next()).ToArray();
        var validation = order.Take(heldOut).Order().ToArray();
        var test = new List<TestSample>();
        for (int i = 0; i < validation.Length; i++)
        {
            // Held in memory for the dataset's lifetime: each source returns a copy on every open.
            var source = dataset.Train[validation[i]];
            var image = source.Open();
            test.Add(TestSample.Normal(ImageSource.FromImage(source.Name, image), image.Size()));
            var defect = Defects[i % Defects.Length];
            var (painted, mask) = Paint(image, defect, random);
            test.Add(TestSample.Anomalous(ImageSource.FromImage($"{source.Name} + synthetic {defect.Name}", painted), defect.Name, mask));
        }
        var train = order.Skip(heldOut).Order().Select(index => dataset.Train[index]).ToList();
        return new AnomalyDataset($"{dataset.Name}-synthetic-validation", train, test);
    }

    /// <summary>A copy of <paramref name="image"/> with <paramref name="defect"/> painted into a random square, and its binary mask.</summary>
    public static (Image<Rgb24> Painted, Image<L8> Mask) Paint(Image<Rgb24> image, ISurfaceDefect defect, Random random)
    {
        int side = Math.Max(DrawSide, (int)(SquareShare * Math.Min(image.Width, image.Height)));
        side = Math.Min(side, Math.Min(image.Width, image.Height));
        int left = random.Next(image.Width - side + 1), top = random.Next(image.Height - side + 1);
        using var square = image.Clone(context => context.Crop(new Rectangle(left, top, side, side)).Resize(DrawSide, DrawSide));
        var before = Luminance(square);
        var surface = (float[])before.Clone();
        var coverage = defect.Draw(surface, DrawSide, random);
        var change = surface.Select((value, i) => value - before[i]).ToArray();
        var painted = image.Clone();
        var mask = new Image<L8>(image.Width, image.Height);
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                float u = (x + 0.5f) * DrawSide / side - 0.5f, v = (y + 0.5f) * DrawSide / side - 0.5f;
                int shift = (int)MathF.Round(255 * Bilinear(change, u, v));
                var pixel = painted[left + x, top + y];
                painted[left + x, top + y] = new Rgb24(Add(pixel.R, shift), Add(pixel.G, shift), Add(pixel.B, shift));
                if (Bilinear(coverage, u, v) >= 0.5f) mask[left + x, top + y] = new L8(255);
            }
        return (painted, mask);
    }

    private static float[] Luminance(Image<Rgb24> square)
    {
        var values = new float[DrawSide * DrawSide];
        for (int y = 0; y < DrawSide; y++)
            for (int x = 0; x < DrawSide; x++)
            {
                var p = square[x, y];
                values[y * DrawSide + x] = (0.299f * p.R + 0.587f * p.G + 0.114f * p.B) / 255f;
            }
        return values;
    }

    // Bilinear sample of a DrawSide x DrawSide grid at (u, v), clamped at the edges.
    private static float Bilinear(float[] grid, float u, float v)
    {
        u = Math.Clamp(u, 0, DrawSide - 1);
        v = Math.Clamp(v, 0, DrawSide - 1);
        int x0 = (int)u, y0 = (int)v, x1 = Math.Min(x0 + 1, DrawSide - 1), y1 = Math.Min(y0 + 1, DrawSide - 1);
        float fx = u - x0, fy = v - y0;
        float top = grid[y0 * DrawSide + x0] * (1 - fx) + grid[y0 * DrawSide + x1] * fx;
        float bottom = grid[y1 * DrawSide + x0] * (1 - fx) + grid[y1 * DrawSide + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    private static byte Add(byte value, int shift) => (byte)Math.Clamp(value + shift, 0, 255);
}
