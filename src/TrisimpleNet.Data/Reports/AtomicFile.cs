using System.Text;

namespace TrisimpleNet.Data.Reports;

/// <summary>
/// Writes a file by writing a temporary file next to it and renaming it over the target, so readers see either the
/// old or the new content and a failed write leaves the old file untouched. The same writer as detector files and
/// checkpoints use, so a writer killed before its rename leaves a temporary file the next write removes
/// (docs/reliability.md).
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> as UTF-8 without a byte order mark.</summary>
    public static void WriteAllText(string path, string contents) =>
        Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents)));

    /// <summary>Writes what <paramref name="writeContents"/> writes to the stream it is given.</summary>
    public static void Write(string path, Action<Stream> writeContents) => global::TrisimpleNet.AtomicFile.Write(path, writeContents);
}
