namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Linux memory counters, in bytes (null elsewhere): the process's resident anonymous and file-backed pages
/// (/proc/self/status), and the machine's available memory and page cache (/proc/meminfo). A memory-mapped feature
/// cache's resident pages count as file-backed, and the kernel may drop them under pressure.
/// </summary>
public sealed record LinuxMemoryCounters(long? ResidentAnonymous, long? ResidentFileBacked, long? MachineAvailable, long? MachinePageCache)
{
    public static LinuxMemoryCounters Now() => new(
        ProcCounter.Bytes("/proc/self/status", "RssAnon:"),
        ProcCounter.Bytes("/proc/self/status", "RssFile:"),
        ProcCounter.Bytes("/proc/meminfo", "MemAvailable:"),
        ProcCounter.Bytes("/proc/meminfo", "Cached:"));
}
