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
    private readonly ImagePreprocessor _preprocessor;

    private MapGeometry(ImagePreprocessor preprocessor) => _preprocessor = preprocessor;

    /// <summary>The geometry of <paramref name="detector"/>'s maps.</summary>
    public static MapGeometry Of(AnomalyDetector detector) => new(detector.Preprocessor);

    /// <summary>The geometry of the maps of a detector trained with <paramref name="options"/>.</summary>
    public static MapGeometry Of(TrisimpleNetOptions options) => new(ImagePreprocessor.FromOptions(options));

    /// <summary>Map height in pixels.</summary>
    public int MapHeight => _preprocessor.Height;

    /// <summary>Map width in pixels.</summary>
    public int MapWidth => _preprocessor.Width;

    /// <summary>The source pixels the map covers on an image of <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>.</summary>
    public Rectangle CoveredRegion(int sourceWidth, int sourceHeight) => _preprocessor.CoveredRegion(sourceWidth, sourceHeight);

    /// <summary>A mask (any value above zero is defect) at the map's resolution: <see cref="MapHeight"/> x <see cref="MapWidth"/> values of 0 or 1.</summary>
    public byte[] MaskAtMapResolution(Image<L8> mask) => _preprocessor.PrepareMask(mask);
}
