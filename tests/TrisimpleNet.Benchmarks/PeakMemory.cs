using System.Diagnostics;

namespace TrisimpleNet.Benchmarks;

/// <summary>The process's peak working set, and on Linux a reset of it so a peak belongs to one measurement.</summary>
public static class PeakMemory
{
    /// <summary>Resets the peak to the current working set (Linux: writes 5 to /proc/self/clear_refs); false where that is impossible.</summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long WorkingSet() => Current().WorkingSet64;

    public static long Peak() => Current().PeakWorkingSet64;

    private static Process Current()
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        return process;
    }
}
