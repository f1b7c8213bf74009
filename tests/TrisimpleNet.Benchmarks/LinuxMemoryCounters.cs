namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Linux memory counters, in bytes (null elsewhere): the process's resident anonymous and file-backed pages
/// (/proc/self/status), and the machine's available memory and page cache (/proc/meminfo). A memory-mapped feature
/// cache's resident pages count as file-backed, and the kernel may drop them under pressure.
/// </summary>
public sealed record LinuxMemoryCounters(long? ResidentAnonymous, long? ResidentFileBacked, long? MachineAvailable, long? MachinePageCache)
{
    public static LinuxMemoryCounters Now() => new(
        Read("/proc/self/status", "RssAnon:"),
        Read("/proc/self/status", "RssFile:"),
        Read("/proc/meminfo", "MemAvailable:"),
        Read("/proc/meminfo", "Cached:"));

    // A line "Name:   1234 kB".
    private static long? Read(string file, string name)
    {
        if (!File.Exists(file)) return null;
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[name.Length..].Trim().Split(' ')[0]) * 1024;
    }
}
