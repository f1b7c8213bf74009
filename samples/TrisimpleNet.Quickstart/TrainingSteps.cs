using System.Globalization;
using TrisimpleNet.Training;

namespace TrisimpleNet.Quickstart;

/// <summary>Turns the trainer's progress reports into two steps: feature extraction, then the epochs (every ensemble pair's in turn).</summary>
public sealed class TrainingSteps(IStepDisplay display, string category) : IProgress<TrainingProgress>
{
    private IStep? _features;
    private IStep? _epochs;
    private TrainingProgress? _last;

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        if (value.Stage == TrainingStage.ExtractingFeatures)
        {
            _features ??= display.Start($"{category}: features of {value.ImageCount} images", value.ImageCount);
            _features.Report(value.ImagesDone);
        }
        else
        {
            if (_epochs is null)
            {
                _features?.Complete("done");
                _epochs = display.Start(value.Members == 1 ? $"{category}: epochs" : $"{category}: epochs ({value.Members} pairs)",
                    value.Epochs * value.Members);
            }
            _epochs.Report((value.Member - 1) * value.Epochs + value.Epoch,
                string.Create(CultureInfo.InvariantCulture,
                    $"separation {value.MeanNormalScore - value.MeanFakeAnomalyScore:0.00} (mean scores: normal {value.MeanNormalScore:+0.00;-0.00}, fake anomalies {value.MeanFakeAnomalyScore:+0.00;-0.00})"));
        }
        _last = value;
    }

    /// <summary>Ends the epochs step once training returned (early stopping may end it before the planned epochs).</summary>
    public void Complete() =>
        _epochs?.Complete(_last is null ? "done"
            : _last.Members == 1 ? string.Create(CultureInfo.InvariantCulture, $"{_last.Epoch} of {_last.Epochs} epochs")
            : string.Create(CultureInfo.InvariantCulture, $"{_last.Members} pairs x {_last.Epoch} of {_last.Epochs} epochs"));
}
