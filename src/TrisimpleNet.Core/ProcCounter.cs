namespace TrisimpleNet;

/// <summary>A Linux kernel counter from a /proc file such as /proc/self/status or /proc/meminfo.</summary>
internal static class ProcCounter
{
    /// <summary>
    /// The value of the line <paramref name="name"/> ("RssAnon:    123456 kB") of <paramref name="file"/>, in bytes;
    /// null where the file or the line does not exist (not Linux).
    /// </summary>
    public static long? Bytes(string file, string name)
    {
        if (!File.Exists(file)) return null;
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[name.Length..].Trim().Split(' ')[0]) * 1024;
    }
}
