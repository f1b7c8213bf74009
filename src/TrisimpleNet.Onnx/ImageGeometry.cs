using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace TrisimpleNet.Onnx;

/// <summary>
/// The detector's image geometry without TorchSharp: resize the shorter side then centre-crop a square (the official
/// SimpleNet transform), or resize the whole image to height x width; then RGB bytes to floats in [0, 1], channels
/// first. The same steps as TrisimpleNet.Core's ImagePreprocessor (a test compares the two pixel for pixel).
/// </summary>
internal sealed class ImageGeometry
{
    private readonly int? _resize;

    /// <param name="resize">The shorter side before the centre crop; null resizes the whole image.</param>
    /// <param name="height">Input height (with a crop, the crop size).</param>
    /// <param name="width">Input width (with a crop, the crop size).</param>
    public ImageGeometry(int? resize, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (resize is int side && (height != width || side < height))
            throw new ArgumentException($"A centre crop is square and at most the resized side; got resize {side}, {height} x {width}.", nameof(resize));
        _resize = resize;
        Height = height;
        Width = width;
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Brings <paramref name="image"/> to the input geometry and writes it to <paramref name="destination"/> (3 x H x W, RGB in [0, 1]).</summary>
    public void WriteTensor(Image<Rgb24> image, Span<float> destination)
    {
        using var transformed = image.Clone(Transform);
        int pixels = Height * Width;
        var bytes = new byte[pixels * 3];
        transformed.CopyPixelDataTo(MemoryMarshal.Cast<byte, Rgb24>(bytes.AsSpan()));
        for (int i = 0; i < pixels; i++)
            for (int channel = 0; channel < 3; channel++)
                destination[channel * pixels + i] = bytes[i * 3 + channel] / 255f;
    }

    private void Transform(IImageProcessingContext context)
    {
        var sampler = KnownResamplers.Triangle;
        if (_resize is not int resize)
        {
            context.Resize(new ResizeOptions { Size = new Size(Width, Height), Mode = ResizeMode.Stretch, Sampler = sampler });
            return;
        }
        var size = context.GetCurrentSize();
        // torchvision Resize(int): the shorter side becomes `resize`, the longer one int(resize * long / short).
        (int width, int height) = size.Width <= size.Height
            ? (resize, (int)((long)resize * size.Height / size.Width))
            : ((int)((long)resize * size.Width / size.Height), resize);
        // torchvision CenterCrop: offsets rounded half to even, as Python's round().
        int left = (int)Math.Round((width - Width) / 2.0, MidpointRounding.ToEven);
        int top = (int)Math.Round((height - Height) / 2.0, MidpointRounding.ToEven);
        context.Resize(new ResizeOptions { Size = new Size(width, height), Mode = ResizeMode.Stretch, Sampler = sampler })
            .Crop(new Rectangle(left, top, Width, Height));
    }
}
