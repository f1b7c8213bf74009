using System.Runtime.InteropServices;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Samples;

/// <summary>
/// The pictures of one scored image at the source image's own resolution: the input, the heat map over it, the
/// predicted defect outline (map at or above the threshold) and the ground-truth outline, and a thumbnail for contact sheets
/// that holds the heat map and both outlines. Outside the region the detector saw, the input is shown dimmed.
/// </summary>
public sealed class ImageTiles : IDisposable
{
    /// <summary>Colour of the predicted defect outline.</summary>
    public static readonly SKColor PredictedColour = new(255, 0, 255);

    /// <summary>Colour of the ground-truth outline.</summary>
    public static readonly SKColor GroundTruthColour = new(0, 230, 0);

    private const float MapOpacity = 0.5f;
    private const float DimmedBrightness = 0.45f;

    private ImageTiles(SKImage input, SKImage heat, SKImage predicted, SKImage? groundTruth, SKImage thumbnail)
    {
        Input = input;
        Heat = heat;
        Predicted = predicted;
        GroundTruth = groundTruth;
        Thumbnail = thumbnail;
    }

    /// <summary>The input image.</summary>
    public SKImage Input { get; }

    /// <summary>The heat map blended over the input.</summary>
    public SKImage Heat { get; }

    /// <summary>The outline of the map's region at or above the threshold, over the input.</summary>
    public SKImage Predicted { get; }

    /// <summary>The ground-truth outline over the input; null without a mask.</summary>
    public SKImage? GroundTruth { get; }

    /// <summary>The heat map with the predicted outline and, where there is a mask, the ground-truth outline.</summary>
    public SKImage Thumbnail { get; }

    /// <summary>Renders <paramref name="image"/>'s tiles, its map placed by <paramref name="geometry"/> and coloured on <paramref name="scale"/>.</summary>
    public static ImageTiles Render(ScoredImage image, MapGeometry geometry, float threshold, HeatScale scale)
    {
        using var scope = NewDisposeScope();
        using var source = image.Image.Open();
        int width = source.Width, height = source.Height;
        var pixels = new byte[width * height * 3];
        source.CopyPixelDataTo(MemoryMarshal.Cast<byte, Rgb24>(pixels.AsSpan()));
        var input = tensor(pixels, [height, width, 3]).to(ScalarType.Float32).div_(255f);

        var region = geometry.CoveredRegion(width, height);
        var upsampled = nn.functional.interpolate(tensor(image.Map, [1, 1, geometry.MapHeight, geometry.MapWidth]),
            [region.Height, region.Width], mode: InterpolationMode.Bilinear, align_corners: false).reshape(region.Height, region.Width);
        var map = zeros(height, width);
        var covered = zeros(height, width, dtype: ScalarType.Bool);
        map.narrow(0, region.Y, region.Height).narrow(1, region.X, region.Width).copy_(upsampled);
        covered.narrow(0, region.Y, region.Height).narrow(1, region.X, region.Width).fill_(true);

        var colours = ColourMap.Jet(map.sub(scale.Low).div_(scale.Range));
        var heat = where(covered.unsqueeze(-1), input.mul(1 - MapOpacity).add_(colours.mul_(MapOpacity)), input.mul(DimmedBrightness));
        int thickness = Outline.ThicknessFor(width, height);
        var predictedOutline = Outline.Of(covered.logical_and(map.ge(threshold)), thickness);
        var groundTruthOutline = image.OpenMask is null ? null : Outline.Of(MaskTensor(image, width, height), thickness);

        var thumbnail = Paint(heat, predictedOutline, PredictedColour);
        if (groundTruthOutline is not null) thumbnail = Paint(thumbnail, groundTruthOutline, SKColors.White);
        return new ImageTiles(
            ToSkia(input),
            ToSkia(heat),
            ToSkia(Paint(input, predictedOutline, PredictedColour)),
            groundTruthOutline is null ? null : ToSkia(Paint(input, groundTruthOutline, GroundTruthColour)),
            ToSkia(thumbnail));
    }

    private static Tensor MaskTensor(ScoredImage image, int width, int height)
    {
        using var mask = image.OpenMask!();
        if (mask.Width != width || mask.Height != height)
            throw new InvalidDataException($"The mask of '{image.Image.Name}' is {mask.Width} x {mask.Height} pixels; the image is {width} x {height}.");
        var values = new byte[width * height];
        mask.CopyPixelDataTo(MemoryMarshal.Cast<byte, L8>(values.AsSpan()));
        return tensor(values, [height, width]).gt(0);
    }

    private static Tensor Paint(Tensor rgb, Tensor where, SKColor colour)
    {
        var paint = tensor(new[] { colour.Red / 255f, colour.Green / 255f, colour.Blue / 255f });
        return TorchSharp.torch.where(where.unsqueeze(-1), paint, rgb);
    }

    private static SKImage ToSkia(Tensor rgb)
    {
        int height = (int)rgb.shape[0], width = (int)rgb.shape[1];
        var bytes = rgb.mul(255f).round_().clamp_(0, 255).to(ScalarType.Byte);
        var rgba = cat([bytes, full(height, width, 1, (byte)255, dtype: ScalarType.Byte)], 2).contiguous();
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        return SKImage.FromPixelCopy(info, rgba.data<byte>().ToArray());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Input.Dispose();
        Heat.Dispose();
        Predicted.Dispose();
        GroundTruth?.Dispose();
        Thumbnail.Dispose();
    }
}
