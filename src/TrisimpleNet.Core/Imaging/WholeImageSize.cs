namespace TrisimpleNet.Imaging;

/// <summary>
/// The input size for <see cref="TrisimpleNetOptions.InputPixels"/>: the whole image resized, keeping the training
/// images' aspect ratio, to about that many pixels, each side a multiple of 8 (the layer2 grid's stride) and at
/// least 32. KolektorSDD's 250 x 630 images at 288 x 288 pixels give 456 x 184, the size its held-out training images
/// with painted defects chose (docs/results.md, study 19); square images give 288 x 288.
/// </summary>
public static class WholeImageSize
{
    /// <summary>How many training images, evenly spaced through the list, give the aspect ratio.</summary>
    public const int SampledImages = 16;

    /// <summary>
    /// <paramref name="options"/> with <see cref="TrisimpleNetOptions.InputHeight"/> and
    /// <see cref="TrisimpleNetOptions.InputWidth"/> chosen from <paramref name="images"/>, when
    /// <see cref="TrisimpleNetOptions.InputPixels"/> is set and they are not; otherwise <paramref name="options"/>
    /// itself. The trained detector records the size, so it scores every later image at the same one.
    /// </summary>
    public static TrisimpleNetOptions Resolve(TrisimpleNetOptions options, IReadOnlyList<ImageSource> images)
    {
        if (options.InputPixels is not int pixels || options.InputHeight is not null || options.InputWidth is not null) return options;
        if (images.Count == 0) throw new ArgumentException("Choosing the input size from the training images needs at least one image.", nameof(images));
        var resolved = options.Clone();
        (resolved.InputHeight, resolved.InputWidth) = For(pixels, MedianAspectRatio(images, options.MaxImagePixels));
        return resolved;
    }

    /// <summary>Height and width with about <paramref name="pixels"/> pixels and height / width near <paramref name="aspectRatio"/>.</summary>
    public static (int Height, int Width) For(int pixels, double aspectRatio)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, 1);
        if (!(aspectRatio > 0) || double.IsInfinity(aspectRatio))
            throw new ArgumentOutOfRangeException(nameof(aspectRatio), aspectRatio, "The aspect ratio (height / width) must be a positive number.");
        return (Side(Math.Sqrt(pixels * aspectRatio)), Side(Math.Sqrt(pixels / aspectRatio)));
    }

    /// <summary>The median height / width of up to <see cref="SampledImages"/> of <paramref name="images"/>, evenly spaced.</summary>
    public static double MedianAspectRatio(IReadOnlyList<ImageSource> images, long maxImagePixels = ImageFiles.DefaultMaxPixels)
    {
        int count = Math.Min(images.Count, SampledImages);
        var ratios = new double[count];
        for (int i = 0; i < count; i++)
        {
            using var image = images[(int)((long)i * images.Count / count)].Open(maxImagePixels);
            ratios[i] = (double)image.Height / image.Width;
        }
        Array.Sort(ratios);
        return count % 2 == 1 ? ratios[count / 2] : (ratios[count / 2 - 1] + ratios[count / 2]) / 2;
    }

    private static int Side(double exact) => Math.Max(MinimumSide, (int)Math.Round(exact / Stride, MidpointRounding.AwayFromZero) * Stride);

    private const int Stride = 8;

    private const int MinimumSide = 32;
}
