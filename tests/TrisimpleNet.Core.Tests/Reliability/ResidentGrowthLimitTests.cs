using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Reliability;

public class ResidentGrowthLimitTests
{
    private const long MiB = 1L << 20;

    [Fact]
    public void GrowthWithinTheBudgetIsNotTrimmed()
    {
        var (limit, trims) = Limit(1000, 1200, 1000 + ResidentGrowthLimit.Budget / MiB);
        Assert.All(Enumerable.Range(0, 3), _ => limit.AfterStep());
        Assert.Equal(0, trims());
    }

    [Fact]
    public void AfterATrimTheNextStepIsTheReference()
    {
        // The first step holds 1000 MiB; the steady state needs 1600 MiB. One trim, then the refaulted 1600 MiB is the
        // reference, and only growth past 1600 MiB + the budget trims again.
        long steady = 1600, beyond = 1600 + ResidentGrowthLimit.Budget / MiB + 1;
        var (limit, trims) = Limit(1000, steady, steady, steady, steady, beyond);
        var trimmed = Enumerable.Range(0, 6).Select(_ => limit.AfterStep()).ToList();
        Assert.Equal([false, true, false, false, false, true], trimmed);
        Assert.Equal(2, trims());
    }

    [Fact]
    public void AHeapThatClimbsBackToWhereTheLastTrimFoundItIsNotTrimmedAgain()
    {
        // The steps climb from 1000 to 1600 MiB whether or not the heap was trimmed: 1600 MiB is their working set.
        // One trim, then none until the heap grows past 1600 MiB + the budget.
        long budget = ResidentGrowthLimit.Budget / MiB;
        var (limit, trims) = Limit(1000, 1300, 1600, 1000, 1300, 1600, 1600, 1600 + budget, 1601 + budget);
        var trimmed = Enumerable.Range(0, 9).Select(_ => limit.AfterStep()).ToList();
        Assert.Equal([false, false, true, false, false, false, false, false, true], trimmed);
        Assert.Equal(2, trims());
    }

    private static (ResidentGrowthLimit Limit, Func<int> Trims) Limit(params long[] residentMiB)
    {
        int step = 0, trims = 0;
        var limit = new ResidentGrowthLimit(() => residentMiB[Math.Min(step++, residentMiB.Length - 1)] * MiB, () => trims++);
        return (limit, () => trims);
    }
}
