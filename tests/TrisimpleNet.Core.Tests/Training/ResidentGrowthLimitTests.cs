using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Training;

public sealed class ResidentGrowthLimitTests
{
    private const long MiB = 1 << 20;

    [Fact]
    public void TrimsOnlyAfterAStepThatLeavesTheResidentSizeMoreThanTheBudgetAboveTheFirstSteps()
    {
        var readings = new Queue<long>([1000 * MiB, 1200 * MiB, 1000 * MiB + ResidentGrowthLimit.Budget, 1001 * MiB + ResidentGrowthLimit.Budget, 1100 * MiB]);
        int trims = 0;
        var limit = new ResidentGrowthLimit(readings.Dequeue, () => trims++);

        var trimmed = Enumerable.Range(0, 5).Select(_ => limit.AfterStep()).ToArray();

        Assert.Equal([false, false, false, true, false], trimmed);
        Assert.Equal(1, trims);
    }
}
