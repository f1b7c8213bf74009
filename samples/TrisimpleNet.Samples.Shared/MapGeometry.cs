using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Samples;

/// <summary>
/// Where a detector's anomaly map lies on a source image: the rectangle of source pixels its input covered (all of
/// the image for a whole-image resize, the centre region for resize-and-crop), and ground-truth masks brought to the
/// map's own resolution the way the detector's preprocessing brings them.
/// </summary>
public sealed class MapGeometry
{
    private readonly TrisimpleNetOptions _options;
    private readonly ImagePreprocessor _preprocessor;

    private MapGeometry(TrisimpleNetOptions options, ImagePreprocessor preprocessor)
    {
        _options = options;
        _preprocessor = preprocessor;
    }

    /// <summary>The geometry of <paramref name="detector"/>'s maps.</summary>
    public static MapGeometry Of(AnomalyDetector detector) => new(detector.Options, detector.Preprocessor);

    /// <summary>The geometry of the maps of a detector trained with <paramref name="options"/>.</summary>
    public static MapGeometry Of(TrisimpleNetOptions options) => new(options, ImagePreprocessor.FromOptions(options));

    /// <summary>Map height in pixels.</summary>
    public int MapHeight => _preprocessor.Height;

    /// <summary>Map width in pixels.</summary>
    public int MapWidth => _preprocessor.Width;

    /// <summary>The source pixels the map covers on an image of <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>.</summary>
    public Rectangle CoveredRegion(int sourceWidth, int sourceHeight)
    {
        if (_options.InputHeight is not null && _options.InputWidth is not null)
            return new Rectangle(0, 0, sourceWidth, sourceHeight);
        int resize = _options.Resize, crop = _options.CropSize;
        // The same shorter-side resize and centre crop as ImagePreprocessor, mapped back by the resize's scale.
        (int resizedWidth, int resizedHeight) = sourceWidth <= sourceHeight
            ? (resize, (int)((long)resize * sourceHeight / sourceWidth))
            : ((int)((long)resize * sourceWidth / sourceHeight), resize);
        double left = Math.Round((resizedWidth - crop) / 2.0, MidpointRounding.ToEven);
        double top = Math.Round((resizedHeight - crop) / 2.0, MidpointRounding.ToEven);
        double scaleX = (double)sourceWidth / resizedWidth, scaleY = (double)sourceHeight / resizedHeight;
        int x = (int)Math.Round(left * scaleX), y = (int)Math.Round(top * scaleY);
        int width = Math.Min((int)Math.Round(crop * scaleX), sourceWidth - x);
        int height = Math.Min((int)Math.Round(crop * scaleY), sourceHeight - y);
        return new Rectangle(x, y, Math.Max(width, 1), Math.Max(height, 1));
    }

    /// <summary>A mask (any value above zero is defect) at the map's resolution: <see cref="MapHeight"/> x <see cref="MapWidth"/> values of 0 or 1.</summary>
    public byte[] MaskAtMapResolution(Image<L8> mask) => _preprocessor.PrepareMask(mask);
}
