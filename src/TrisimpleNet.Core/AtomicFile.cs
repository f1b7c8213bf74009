namespace TrisimpleNet;

/// <summary>
/// Writes a file atomically: to a temporary file in the same folder, flushed to disk, then renamed over the final
/// name. A failure half way leaves an existing file as it was, no partial file under the final name and no temporary
/// file. A writer killed before its rename cannot clean up: its temporary file, named <c>TARGET.PID.GUID.tmp</c>, is
/// removed by the next successful write of the same target once process PID has ended (docs/reliability.md).
/// </summary>
internal static class AtomicFile
{
    private const string TemporaryExtension = ".tmp";

    /// <summary>Writes <paramref name="bytes"/> through <paramref name="wrapFile"/> (tests make it fail half way).</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes, Func<Stream, Stream> wrapFile)
    {
        // The span cannot enter the lambda; the array copy costs less than the write.
        byte[] contents = bytes.ToArray();
        Write(path, file => wrapFile(file).Write(contents));
    }

    /// <summary>Writes what <paramref name="writeContents"/> writes to the stream it is given; its exception leaves the target as it was.</summary>
    public static void Write(string path, Action<Stream> writeContents)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string temporary = $"{fullPath}.{Environment.ProcessId}.{Guid.NewGuid():N}{TemporaryExtension}";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                writeContents(file);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            LeftoverFiles.TryDelete(temporary);
            throw;
        }
        string target = Path.GetFileName(fullPath);
        LeftoverFiles.RemoveThoseOfEndedProcesses(folder, "*" + TemporaryExtension,
            fileName => LeftoverFiles.WriterOf(fileName, target + ".", TemporaryExtension));
    }
}
