using System.Globalization;
using System.Runtime.InteropServices;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Drops this process's resident pages of a memory-mapped file from memory (Linux: madvise MADV_PAGEOUT over each
/// mapping of it listed in /proc/self/maps), so that the next reads come from the disk, not from the page cache.
/// </summary>
public static class MappedPages
{
    private const int MadvisePageOut = 21;

    /// <summary>Pages out every mapping of <paramref name="path"/>; returns the bytes of the mappings, 0 where there are none or this is not Linux.</summary>
    public static long PageOut(string path)
    {
        if (!OperatingSystem.IsLinux()) return 0;
        long bytes = 0;
        foreach (var line in File.ReadAllLines("/proc/self/maps").Where(l => l.Contains(path, StringComparison.Ordinal)))
        {
            var range = line.Split(' ')[0].Split('-');
            long start = long.Parse(range[0], NumberStyles.HexNumber), end = long.Parse(range[1], NumberStyles.HexNumber);
            if (Madvise((nint)start, (nuint)(end - start), MadvisePageOut) != 0)
                throw new IOException($"madvise(MADV_PAGEOUT) failed on {path}: errno {Marshal.GetLastPInvokeError()}.");
            bytes += end - start;
        }
        return bytes;
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
