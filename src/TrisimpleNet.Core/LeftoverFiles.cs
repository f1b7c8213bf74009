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
