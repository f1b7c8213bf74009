namespace TrisimpleNet.Samples.Tests;

/// <summary>A test class with its own temporary folder, deleted after each test.</summary>
public abstract class TemporaryFolderTest : IDisposable
{
    protected string Folder { get; } = Directory.CreateTempSubdirectory("trisimplenet-samples-").FullName;

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
