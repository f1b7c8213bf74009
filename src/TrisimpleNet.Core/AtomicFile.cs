namespace TrisimpleNet;

/// <summary>
/// Writes a file atomically: to a temporary file in the same folder, flushed to disk, then renamed over the final
/// name. A failure half way leaves an existing file as it was and no partial file under the final name.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> through <paramref name="wrapFile"/> (tests make it fail half way).</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes, Func<Stream, Stream> wrapFile)
    {
        string fullPath = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(fullPath);
        if (folder is not null) Directory.CreateDirectory(folder);
        string temporary = fullPath + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                wrapFile(file).Write(bytes);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
