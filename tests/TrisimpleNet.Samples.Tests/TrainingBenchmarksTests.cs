using TrisimpleNet.Benchmarks;
using TrisimpleNet.Training;

namespace TrisimpleNet.Samples.Tests;

public class TrainingBenchmarksTests
{
    [Fact]
    public void TrainStepComparesEveryTimedRunWithTheProductsMeasuredForIt()
    {
        var shape = new TrainingShape(Input: 32, Batch: 2, Width: 16, Hidden: 8, TrainingMethod.TrisimpleNet, DiscriminatorPasses.PerPair);

        var measurement = TrainStepBenchmark.Measure(shape, ComputePrecision.Float32, steps: 2, repetitions: 3);

        Assert.Equal(3, measurement.ExecutedSharePerRun.Length);
        Assert.All(measurement.ExecutedSharePerRun, ratio => Assert.True(ratio > 0 && double.IsFinite(ratio)));
        Assert.Equal(measurement.ExecutedSharePerRun.Order().ElementAt(1), measurement.ExecutedShareOfMatmul);
    }

    [Fact]
    public void TheNoiseBenchmarkDrawsTheStepsNoiseInTheLibrarysBlocks()
    {
        // 2 x 32 x 32 rows of width 1024: two blocks.
        var shape = new TrainingShape(Input: 256, Batch: 2, Width: 1024, Hidden: 8, TrainingMethod.TrisimpleNet, DiscriminatorPasses.PerPair);

        var measurement = NoiseDrawBenchmark.Measure(shape, repetitions: 1);

        Assert.Equal(2048, measurement.Rows);
        Assert.Equal(2, measurement.Blocks);
        Assert.True(measurement.OneGeneratorSeconds > 0 && measurement.BlockwiseSeconds > 0);
    }
}
