namespace TrisimpleNet.Training;

/// <summary>
/// Keeps the process's resident size within a budget while training (<see cref="TrisimpleNetOptions.LimitNativeHeapGrowth"/>):
/// after each step, trims glibc's heap when the resident size has grown more than <see cref="Budget"/> above what
/// it was after the first step, or after the first step following the last trim. Fragmentation of the heap by a step's
/// blocks grows it by up to tens of MB per step; a trim on every step would cost time instead, because the next step
/// faults the released pages in again. The reference is taken again after a trim because the first step can hold
/// less than the steps after it. A heap that climbs back to where the last trim found it is not trimmed there again:
/// that much is the steps' working set (at SimpleNet's faithful shapes a 52-step training climbed back, and was
/// trimmed and faulted in again, three times); only growth past it is.
/// On Linux the resident size counted is the anonymous one: a memory-mapped feature cache's pages are file-backed, and
/// as training reads them they grow the working set, which no trim can return.
/// </summary>
internal sealed class ResidentGrowthLimit(Func<long> residentBytes, Action trim)
{
    /// <summary>How far the resident size may grow above the reference step's (the first, or the first after a trim) before the heap is trimmed.</summary>
    public const long Budget = 512L << 20;

    private long _reference = -1;
    private long _lastTrimmedFrom = -1;

    /// <summary>Reads the process's anonymous resident size (elsewhere than Linux its working set) and trims glibc's heap.</summary>
    public static ResidentGrowthLimit ForThisProcess() => new(AnonymousResidentBytes, () => NativeHeap.Trim());

    /// <summary>RssAnon of /proc/self/status in bytes where there is one (Linux), else the working set.</summary>
    internal static long AnonymousResidentBytes() => ProcCounter.Bytes("/proc/self/status", "RssAnon:") ?? Environment.WorkingSet;

    /// <summary>Called after every training step; true when it trimmed.</summary>
    public bool AfterStep()
    {
        long resident = residentBytes();
        if (_reference < 0)
        {
            _reference = resident;
            return false;
        }
        if (resident - _reference <= Budget) return false;
        if (resident <= _lastTrimmedFrom)
        {
            _reference = resident;
            return false;
        }
        trim();
        _lastTrimmedFrom = resident;
        // The next step faults its working set in again; its resident size is the new reference.
        _reference = -1;
        return true;
    }
}
