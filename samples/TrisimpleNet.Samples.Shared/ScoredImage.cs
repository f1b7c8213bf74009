using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Samples;

/// <summary>
/// One scored image for the pictures: the image, its score and map (at the detector's map resolution; empty when
/// <see cref="PredictorPictures"/> let it go once drawn), whether it is known to be defective (null when unlabelled),
/// and its ground-truth defect mask where there is one.
/// </summary>
public sealed record ScoredImage(ImageSource Image, float Score, float[] Map, bool? IsAnomalous, Func<Image<L8>>? OpenMask)
{
    /// <summary>A file with its prediction, an optional label and an optional mask file (any value above zero is defect).</summary>
    public static ScoredImage Of(string imagePath, AnomalyPrediction prediction, bool? isAnomalous = null, string? maskPath = null) =>
        new(ImageSource.FromFile(imagePath), prediction.Score, prediction.Map, isAnomalous,
            maskPath is null ? null : () => ImageFiles.LoadGray(maskPath));

    /// <summary>A labelled test sample with its prediction, for example <c>dataset.Test.Zip(predictions, ScoredImage.Of)</c>.</summary>
    public static ScoredImage Of(TestSample sample, AnomalyPrediction prediction) =>
        new(sample.Image, prediction.Score, prediction.Map, sample.IsAnomalous, sample.HasMask ? sample.OpenMask : null);

    /// <summary>A labelled test sample not scored yet (score 0, no map), for <see cref="PredictorPictures"/>.</summary>
    public static ScoredImage Unscored(TestSample sample) =>
        new(sample.Image, 0, [], sample.IsAnomalous, sample.HasMask ? sample.OpenMask : null);

    /// <summary>An unlabelled image not scored yet (score 0, no map), for <see cref="PredictorPictures"/>.</summary>
    public static ScoredImage Unscored(ImageSource image) => new(image, 0, [], null, null);

    /// <summary>The file name and its folder's name (test sets repeat file names across defect folders), for captions and tables.</summary>
    public string DisplayName =>
        Path.GetFileName(Path.GetDirectoryName(Image.Name)) is { Length: > 0 } folder ? $"{folder}/{Path.GetFileName(Image.Name)}" : Image.Name;

    /// <summary>"anomalous" when the score is at or above <paramref name="threshold"/> (the library's rule), else "normal".</summary>
    public string VerdictAt(float threshold) => Score >= threshold ? "anomalous" : "normal";

    /// <summary>"defect", "normal", or empty when unlabelled.</summary>
    public string Label => IsAnomalous switch { true => "defect", false => "normal", null => "" };
}
