using TrisimpleNet.Core.Tests.Reliability;
using TrisimpleNet.Data.Baselines;

namespace TrisimpleNet.Data.Tests.Baselines;

/// <summary>
/// The PatchCore baseline leaves no tensor for the finalizer either: fitting, scoring and disposing it, counted as
/// Core's TensorLifetimeTests count the detector (the counter's source is linked from Core.Tests). Runs alone.
/// </summary>
[Collection(nameof(TensorCountCollection))]
public sealed class PatchCoreTensorLifetimeTests : IDisposable
{
    private readonly SmallSyntheticCategory _category = new();

    public void Dispose() => _category.Dispose();

    [Fact]
    public void FittingScoringAndDisposingLeaveNothing()
    {
        var dataset = _category.Load();
        void FitAndScore()
        {
            using var patchCore = PatchCore.Fit(dataset.Train, PatchCoreTests.SmallFeatures(), new PatchCoreOptions { CoresetRatio = 0.1 });
            patchCore.PredictBatches(dataset.Test.Select(sample => sample.Image).ToList(), (_, _, _) => { });
        }
        FitAndScore();

        Assert.Equal(0, TensorsLeftToTheFinalizer.Count(FitAndScore));
    }
}

/// <summary>The finalizer count is process-wide: its tests run alone.</summary>
[CollectionDefinition(nameof(TensorCountCollection), DisableParallelization = true)]
public sealed class TensorCountCollection;
