namespace TrisimpleNet.Samples;

/// <summary>
/// An output folder a sample may clear: it is created with a marker file, and an existing folder is emptied only
/// when it carries that marker, so a mistyped path never deletes someone's files.
/// </summary>
public static class OutputFolder
{
    private const string MarkerFile = ".trisimplenet-sample-output";

    /// <summary>Creates <paramref name="path"/> empty (clearing a previous sample output there) and returns its full path.</summary>
    /// <exception cref="IOException">The folder exists, is not empty and was not written by a sample.</exception>
    public static string PrepareEmpty(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            if (!File.Exists(Path.Combine(full, MarkerFile)))
                throw new IOException($"Output folder '{full}' is not empty and was not written by a TrisimpleNet sample; choose another --output.");
            Directory.Delete(full, recursive: true);
        }
        Directory.CreateDirectory(full);
        File.WriteAllText(Path.Combine(full, MarkerFile), "Written by a TrisimpleNet sample; the sample clears this folder when run again.\n");
        return full;
    }
}
