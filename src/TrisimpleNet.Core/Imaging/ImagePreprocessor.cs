using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using SixLabors.ImageSharp.Processing.Processors.Transforms;
using TorchSharp;
using static TorchSharp.torch;
using Size = SixLabors.ImageSharp.Size;

namespace TrisimpleNet.Imaging;

/// <summary>
/// Brings images to the detector's input: either resize the shorter side then take a square centre crop (the
/// official SimpleNet transform), or resize the whole image to height x width with no crop. Used identically in
/// training and inference, and for ground-truth masks (nearest-neighbour) so that maps and masks line up.
/// </summary>
public sealed class ImagePreprocessor
{
    private readonly int? _resize;
    private readonly int? _cropSize;

    private ImagePreprocessor(int? resize, int? cropSize, int height, int width, long maxImagePixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxImagePixels, 1);
        _resize = resize;
        _cropSize = cropSize;
        Height = height;
        Width = width;
        MaxImagePixels = maxImagePixels;
    }

    /// <summary>Input height in pixels.</summary>
    public int Height { get; }

    /// <summary>Input width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image files declaring more pixels than this are refused before decoding (<see cref="TrisimpleNetOptions.MaxImagePixels"/>).</summary>
    public long MaxImagePixels { get; }

    /// <summary>Resize the shorter side to <paramref name="resize"/> (aspect kept), then centre-crop a square of <paramref name="cropSize"/>.</summary>
    public static ImagePreprocessor ResizeAndCenterCrop(int resize, int cropSize, long maxImagePixels = ImageFiles.DefaultMaxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cropSize, 1);
        if (resize < cropSize)
            throw new ArgumentOutOfRangeException(nameof(resize), resize, $"The resize ({resize}) must be at least the crop size ({cropSize}).");
        return new ImagePreprocessor(resize, cropSize, cropSize, cropSize, maxImagePixels);
    }

    /// <summary>Resize the whole image to <paramref name="height"/> x <paramref name="width"/>, no crop.</summary>
    public static ImagePreprocessor ResizeWhole(int height, int width, long maxImagePixels = ImageFiles.DefaultMaxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        return new ImagePreprocessor(null, null, height, width, maxImagePixels);
    }

    /// <summary>The preprocessing the options describe.</summary>
    /// <exception cref="InvalidOperationException"><see cref="TrisimpleNetOptions.InputPixels"/> is set and the size is not chosen yet (<see cref="WholeImageSize.Resolve"/>).</exception>
    public static ImagePreprocessor FromOptions(TrisimpleNetOptions options)
    {
        if (options.InputHeight is int height && options.InputWidth is int width)
            return ResizeWhole(height, width, options.MaxImagePixels);
        if (options.InputPixels is not null)
            throw new InvalidOperationException(
                $"TrisimpleNetOptions.InputPixels ({options.InputPixels}) chooses the input size from the training images, and it is not chosen yet: " +
                "call WholeImageSize.Resolve with them first (training does), or set InputHeight and InputWidth.");
        return ResizeAndCenterCrop(options.Resize, options.CropSize, options.MaxImagePixels);
    }

    /// <summary>
    /// Decodes and preprocesses <paramref name="images"/> in parallel into one float32 N x 3 x H x W RGB tensor in [0, 1].
    /// When images fail, the exception of the first failing one (in list order) is thrown as it is, not wrapped.
    /// </summary>
    public Tensor ToTensor(IReadOnlyList<ImageSource> images)
    {
        int pixels = Height * Width;
        var bytes = new byte[images.Count * pixels * 3];
        var failures = new Exception?[images.Count];
        Parallel.For(0, images.Count, i =>
        {
            try
            {
                using var image = images[i].Open(MaxImagePixels);
                Transform(image, KnownResamplers.Triangle);
                image.CopyPixelDataTo(MemoryMarshal.Cast<byte, Rgb24>(bytes.AsSpan(i * pixels * 3, pixels * 3)));
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        });
        if (Array.Find(failures, failure => failure is not null) is { } first)
            ExceptionDispatchInfo.Throw(first);
        using var scope = NewDisposeScope();
        var hwc = tensor(bytes, [images.Count, Height, Width, 3]);
        using Scalar byteScale = 255f;
        return hwc.permute(0, 3, 1, 2).to(ScalarType.Float32).div_(byteScale).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The source pixels the input covers on an image of <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>:
    /// all of it for a whole-image resize, the centre region for resize-and-crop.
    /// </summary>
    public Rectangle CoveredRegion(int sourceWidth, int sourceHeight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 1);
        if (CropOf(sourceWidth, sourceHeight) is not (int width, int height, int left, int top, int crop))
            return new Rectangle(0, 0, sourceWidth, sourceHeight);
        // The crop mapped back by the resize's scale.
        double scaleX = (double)sourceWidth / width, scaleY = (double)sourceHeight / height;
        int x = (int)Math.Round(left * scaleX), y = (int)Math.Round(top * scaleY);
        int coveredWidth = Math.Min((int)Math.Round(crop * scaleX), sourceWidth - x);
        int coveredHeight = Math.Min((int)Math.Round(crop * scaleY), sourceHeight - y);
        return new Rectangle(x, y, Math.Max(coveredWidth, 1), Math.Max(coveredHeight, 1));
    }

    /// <summary>
    /// <paramref name="map"/> (<see cref="Height"/> x <see cref="Width"/>, row-major, as <see cref="AnomalyPrediction.Map"/>)
    /// brought back onto a source image of <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>: resized
    /// bilinearly onto <see cref="CoveredRegion"/>, NaN outside it (pixels a centre crop never showed the detector).
    /// Row-major, <paramref name="sourceHeight"/> x <paramref name="sourceWidth"/> values.
    /// </summary>
    /// <exception cref="ArgumentException">The map does not have <see cref="Height"/> x <see cref="Width"/> values.</exception>
    public float[] MapOnSource(ReadOnlySpan<float> map, int sourceWidth, int sourceHeight)
    {
        if (map.Length != Height * Width)
            throw new ArgumentException($"The map has {map.Length} values; this preprocessing's maps have {Height} x {Width}.", nameof(map));
        var region = CoveredRegion(sourceWidth, sourceHeight);
        using var scope = NewDisposeScope();
        var resized = nn.functional.interpolate(tensor(map.ToArray(), [1, 1, Height, Width]), [region.Height, region.Width],
            mode: InterpolationMode.Bilinear, align_corners: false);
        using Scalar notSeen = float.NaN;
        var source = full([sourceHeight, sourceWidth], notSeen, dtype: ScalarType.Float32);
        source.narrow(0, region.Y, region.Height).narrow(1, region.X, region.Width).copy_(resized[0, 0]);
        return source.data<float>().ToArray();
    }

    /// <summary>Brings a mask to the input geometry with nearest-neighbour sampling: H x W values, 1 where the mask is &gt; 0.</summary>
    public byte[] PrepareMask(Image<L8> mask)
    {
        using var copy = mask.Clone();
        Transform(copy, KnownResamplers.NearestNeighbor);
        var values = new byte[Height * Width];
        copy.CopyPixelDataTo(MemoryMarshal.Cast<byte, L8>(values.AsSpan()));
        for (int i = 0; i < values.Length; i++) values[i] = values[i] > 0 ? (byte)1 : (byte)0;
        return values;
    }

    private void Transform<TPixel>(Image<TPixel> image, IResampler resampler) where TPixel : unmanaged, IPixel<TPixel>
    {
        if (CropOf(image.Width, image.Height) is not (int width, int height, int left, int top, int crop))
        {
            image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(Width, Height), Mode = ResizeMode.Stretch, Sampler = resampler }));
            return;
        }
        image.Mutate(x => x
            .Resize(new ResizeOptions { Size = new Size(width, height), Mode = ResizeMode.Stretch, Sampler = resampler })
            .Crop(new Rectangle(left, top, crop, crop)));
    }

    // The resized size and the crop's offsets for a source image of this size; null for a whole-image resize.
    private (int Width, int Height, int Left, int Top, int Crop)? CropOf(int sourceWidth, int sourceHeight)
    {
        if (_resize is not int resize || _cropSize is not int crop) return null;
        // torchvision Resize(int): the shorter side becomes `resize`, the longer one int(resize * long / short).
        (int width, int height) = sourceWidth <= sourceHeight
            ? (resize, (int)((long)resize * sourceHeight / sourceWidth))
            : ((int)((long)resize * sourceWidth / sourceHeight), resize);
        // torchvision CenterCrop: offsets rounded half to even, as Python's round().
        int left = (int)Math.Round((width - crop) / 2.0, MidpointRounding.ToEven);
        int top = (int)Math.Round((height - crop) / 2.0, MidpointRounding.ToEven);
        return (width, height, left, top, crop);
    }
}
