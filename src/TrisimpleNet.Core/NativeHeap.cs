using System.Runtime.InteropServices;

namespace TrisimpleNet;

/// <summary>
/// glibc malloc's heap, which serves libtorch's CPU tensors. Two things the library asks of it (no-ops where the C
/// library is not glibc): to keep large blocks for reuse (<see cref="ReuseLargeBlocks"/>) and to return free pages to
/// the system (<see cref="Trim"/>). See docs/performance.md, "Native memory".
/// </summary>
internal static class NativeHeap
{
    private static readonly bool IsGlibc = OperatingSystem.IsLinux() && Probe();
    private static int _reusingLargeBlocks;

    // glibc's mallopt parameters (malloc.h).
    private const int TrimThresholdParameter = -1;
    private const int MmapThresholdParameter = -3;
    private const int MmapThreshold = 1 << 30;
    private const int TrimThreshold = int.MaxValue;

    /// <summary>
    /// From now on, for the whole process, blocks below 1 GiB come from the heap and freed ones stay there for reuse.
    /// glibc's default maps every block above 32 MiB afresh and unmaps it when freed, so each of a training step's or a
    /// batch's large tensors was page-faulted in again: 7x the step time, 2.4x the prediction time on this project's
    /// machines. The heap then holds the largest batch's memory between calls; <see cref="Trim"/> returns it.
    /// Idempotent; true when glibc took the setting.
    /// </summary>
    public static bool ReuseLargeBlocks()
    {
        if (!IsGlibc) return false;
        if (Interlocked.Exchange(ref _reusingLargeBlocks, 1) == 1) return true;
        // The trim threshold first: setting either one turns off glibc's adaptive thresholds.
        return mallopt(TrimThresholdParameter, TrimThreshold) == 1 && mallopt(MmapThresholdParameter, MmapThreshold) == 1;
    }

    /// <summary>Whether <see cref="ReuseLargeBlocks"/> has been applied in this process.</summary>
    public static bool ReusesLargeBlocks => Volatile.Read(ref _reusingLargeBlocks) == 1;

    [ThreadStatic] private static int _trimsOnThisThread;

    /// <summary>How many times <see cref="Trim"/> was called on the calling thread (training trims on its caller's thread).</summary>
    public static int TrimsOnThisThread => _trimsOnThisThread;

    /// <summary>Releases free heap memory to the system; true when glibc did the work.</summary>
    public static bool Trim()
    {
        _trimsOnThisThread++;
        if (!IsGlibc) return false;
        malloc_trim(0);
        return true;
    }

    /// <summary>Bytes glibc holds in separately mapped blocks (mallinfo2's hblkhd), or -1 where the C library is not glibc.</summary>
    public static long MappedBlockBytes()
    {
        if (!IsGlibc) return -1;
        return (long)mallinfo2().MappedBytes;
    }

    private static bool Probe()
    {
        try
        {
            malloc_trim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);

    [DllImport("libc.so.6", EntryPoint = "mallopt")]
    private static extern int mallopt(int parameter, int value);

    [DllImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static extern MallocInfo mallinfo2();

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallocInfo
    {
        public readonly nuint Arena, OrdinaryBlocks, SmallBlocks, MappedBlocks, MappedBytes, MaxTotal, FastBinBytes, InUse, Free, KeepCost;
    }
}
