using System.Diagnostics;

namespace TrisimpleNet;

/// <summary>
/// Clean-up of files that carry their writer's process id in their name, so that a file left behind by a killed
/// process can be told from one still in use: it is removed once that process has ended.
/// </summary>
internal static class LeftoverFiles
{
    /// <summary>
    /// Deletes the files of <paramref name="folder"/> matching <paramref name="searchPattern"/> whose writer, read from
    /// the file name by <paramref name="writerOf"/> (null: not such a file), is no longer running.
    /// </summary>
    public static void RemoveThoseOfEndedProcesses(string folder, string searchPattern, Func<string, int?> writerOf)
    {
        foreach (var candidate in Directory.EnumerateFiles(folder, searchPattern))
        {
            if (writerOf(Path.GetFileName(candidate)) is int writer && !IsRunning(writer))
                TryDelete(candidate);
        }
    }

    /// <summary>
    /// The process id in a name <paramref name="prefix"/>PID.GUID<paramref name="suffix"/> (the GUID as 32 hex
    /// digits), or null when <paramref name="fileName"/> is not such a name.
    /// </summary>
    public static int? WriterOf(string fileName, string prefix, string suffix)
    {
        if (fileName.Length <= prefix.Length + suffix.Length
            || !fileName.StartsWith(prefix, StringComparison.Ordinal) || !fileName.EndsWith(suffix, StringComparison.Ordinal))
            return null;
        var parts = fileName[prefix.Length..^suffix.Length].Split('.');
        return parts is [var pid, { Length: 32 } guid] && Guid.TryParseExact(guid, "N", out _) && int.TryParse(pid, out int id) ? id : null;
    }

    /// <summary>Deletes <paramref name="path"/> if it can: a file that cannot be deleted must not hide the outcome of what made it.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
