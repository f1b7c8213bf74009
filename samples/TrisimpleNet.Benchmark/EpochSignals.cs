using TrisimpleNet.Training;

namespace TrisimpleNet.Benchmark;

/// <summary>The training signals of one epoch (of one ensemble pair), as results.json records them, with the precision its products ran in (Auto resolved).</summary>
public sealed record EpochSignals(int Epoch, double Loss, double TruncatedL1Loss, double TripletLoss,
    double NormalAboveThreshold, double FakeBelowThreshold, double Seconds, ComputePrecision Precision,
    int Member, double MeanNormalScore, double MeanFakeAnomalyScore)
{
    public static EpochSignals From(TrainingProgress report) => new(report.Epoch, report.Loss, report.TruncatedL1Loss,
        report.TripletLoss, report.NormalAboveThreshold, report.FakeBelowThreshold, report.Duration.TotalSeconds, report.Precision,
        report.Member, report.MeanNormalScore, report.MeanFakeAnomalyScore);
}
