using System.Diagnostics;
using TrisimpleNet.Core.Tests.Saving;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// <see cref="AtomicFile"/>, which detector files and checkpoints are written through, leaves no partial target and no
/// temporary file when a write fails, and clears the temporary files of writers that were killed before their rename.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private static readonly byte[] Previous = [1, 2, 3, 4, 5, 6, 7, 8];
    private static readonly byte[] Next = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)];
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-atomic-").FullName;
    private string Target => Path.Combine(_folder, "model.tsn");

    [Fact]
    public void AWriteThatFailsHalfWayLeavesThePreviousFileAndNoTemporaryFile()
    {
        File.WriteAllBytes(Target, Previous);

        Assert.Throws<IOException>(() => AtomicFile.Write(Target, Next, file => new FailingStream(file, failAfter: Next.Length / 2)));

        Assert.Equal(Previous, File.ReadAllBytes(Target));
        Assert.Equal(["model.tsn"], FileNames());
    }

    [Fact]
    public void AFirstWriteThatFailsHalfWayLeavesNoFileAtAll()
    {
        Assert.Throws<IOException>(() => AtomicFile.Write(Target, Next, file => new FailingStream(file, failAfter: Next.Length / 2)));

        Assert.Empty(FileNames());
    }

    [Fact]
    public void ARenameThatFailsLeavesNoTemporaryFile()
    {
        Directory.CreateDirectory(Target); // a folder where the file should go: the rename fails after the data is written

        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(Target, Next, file => file));

        Assert.Equal(["model.tsn"], FileNames());
        Assert.Empty(Directory.GetFileSystemEntries(Target));
    }

    [Fact]
    public void TheNextWriteOfATargetRemovesTheTemporaryFileOfAKilledWriter()
    {
        var stale = TemporaryOf("model.tsn", KilledProcessId());
        File.WriteAllBytes(stale, Next[..10]);

        AtomicFile.Write(Target, Next, file => file);

        Assert.Equal(Next, File.ReadAllBytes(Target));
        Assert.Equal(["model.tsn"], FileNames());
    }

    [Fact]
    public void TheTemporaryFileOfAWriterStillRunningIsLeftAlone()
    {
        var inProgress = TemporaryOf("model.tsn", Environment.ProcessId);
        File.WriteAllBytes(inProgress, Next[..10]);

        AtomicFile.Write(Target, Next, file => file);

        Assert.True(File.Exists(inProgress));
    }

    [Fact]
    public void TheTemporaryFileOfAnotherTargetIsLeftAlone()
    {
        var otherTarget = TemporaryOf("model.tsn.old", KilledProcessId());
        File.WriteAllBytes(otherTarget, Next[..10]);

        AtomicFile.Write(Target, Next, file => file);

        Assert.True(File.Exists(otherTarget));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string TemporaryOf(string target, int writer) => Path.Combine(_folder, $"{target}.{writer}.{Guid.NewGuid():N}.tmp");

    private string[] FileNames() => [.. Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order()!];

    // The id of a process that was killed, as a writer killed before its rename would be.
    private static int KilledProcessId()
    {
        using var writer = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        int id = writer.Id;
        writer.Kill();
        writer.WaitForExit();
        return id;
    }
}
