using System.Diagnostics;

namespace TrisimpleNet.Benchmarks;

/// <summary>Wall-clock timing: warm-up runs, then the median of repeated runs.</summary>
public static class Timing
{
    /// <summary>Median seconds of <paramref name="repetitions"/> runs of <paramref name="action"/> after <paramref name="warmUps"/> untimed ones.</summary>
    public static double MedianSeconds(Action action, int repetitions, int warmUps = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        for (int i = 0; i < warmUps; i++) action();
        var seconds = new double[repetitions];
        for (int i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(seconds);
        return repetitions % 2 == 1 ? seconds[repetitions / 2] : (seconds[repetitions / 2 - 1] + seconds[repetitions / 2]) / 2;
    }
}
