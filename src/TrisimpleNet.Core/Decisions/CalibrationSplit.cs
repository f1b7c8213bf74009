using TrisimpleNet.Imaging;

namespace TrisimpleNet.Decisions;

/// <summary>
/// Splits the training images into those trained on and those held out to calibrate the decisions
/// (<see cref="TrisimpleNetOptions.CalibrationShare"/>), chosen at random with <see cref="TrisimpleNetOptions.Seed"/>.
/// At least one image is held out when the share is positive; with a single image, or a share of 0, the
/// decisions are calibrated on the training images themselves, which underestimates the false-positive rate.
/// </summary>
internal sealed record CalibrationSplit(IReadOnlyList<ImageSource> Training, IReadOnlyList<ImageSource> Calibration, bool CalibrationIsTraining)
{
    public static CalibrationSplit Of(IReadOnlyList<ImageSource> images, TrisimpleNetOptions options)
    {
        if (!(options.CalibrationShare >= 0 && options.CalibrationShare < 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.CalibrationShare,
                $"{nameof(TrisimpleNetOptions)}.{nameof(TrisimpleNetOptions.CalibrationShare)} is {options.CalibrationShare}; it must be at least 0 and below 1.");
        if (!(options.TargetFalsePositiveRate >= 0 && options.TargetFalsePositiveRate < 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.TargetFalsePositiveRate,
                $"{nameof(TrisimpleNetOptions)}.{nameof(TrisimpleNetOptions.TargetFalsePositiveRate)} is {options.TargetFalsePositiveRate}; it must be at least 0 and below 1.");
        int heldOut = options.CalibrationShare == 0 || images.Count < 2
            ? 0
            : Math.Clamp((int)Math.Round(options.CalibrationShare * images.Count), 1, images.Count - 1);
        if (heldOut == 0) return new(images, images, CalibrationIsTraining: true);
        var order = Enumerable.Range(0, images.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var calibration = order.Take(heldOut).Order().Select(i => images[i]).ToList();
        var training = order.Skip(heldOut).Order().Select(i => images[i]).ToList();
        return new(training, calibration, CalibrationIsTraining: false);
    }
}
