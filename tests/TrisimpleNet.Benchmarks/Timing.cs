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
        return Median(seconds);
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Length);
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
