using System.Diagnostics;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

/// <summary>A feature cache beyond its memory budget lives in a file, mapped: the same rows, and no file left behind.</summary>
public sealed class FeatureCacheFileTests : IDisposable
{
    private const int Images = 7;

    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-cachefile-").FullName;

    [Fact]
    public void RowsOfAMappedCacheEqualTheRowsOfTheCacheInMemoryBitForBit()
    {
        using var inMemory = MappedFeatures.Build(Images, budget: null, folder: null);
        using var mapped = MappedFeatures.Build(Images, budget: 0, _folder);
        Assert.Null(inMemory.File);
        Assert.NotNull(mapped.File);
        using var order = tensor(new long[] { 6, 0, 3, 3, 5 });

        using var expected = inMemory.Rows(order);
        using var actual = mapped.Rows(order);

        Assert.Equal(ScalarType.BFloat16, actual.dtype);
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.bytes.ToArray(), actual.bytes.ToArray());
        Assert.Equal(inMemory.MeasureSpread(), mapped.MeasureSpread());
        Assert.Equal(inMemory.Fingerprint(), mapped.Fingerprint());
    }

    [Fact]
    public void ACacheOfExactlyTheBudgetStaysInMemoryAndOneByteLessPutsItInAFile()
    {
        long bytes;
        using (var measured = MappedFeatures.Build(Images, budget: null, folder: null))
            bytes = measured.BytesPerImage * measured.ImageCount;

        using var atBudget = MappedFeatures.Build(Images, budget: bytes, _folder);
        using var overBudget = MappedFeatures.Build(Images, budget: bytes - 1, _folder);

        Assert.Null(atBudget.File);
        Assert.NotNull(overBudget.File);
    }

    [SkippableFact]
    public void TheFileIsUnlinkedOnceMappedAndItsMappingGoesWithTheCache()
    {
        var cache = MappedFeatures.Build(Images, budget: 0, _folder);
        try
        {
            Assert.True(cache.File!.IsUnlinked);
            Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
            Assert.Contains(MappedFeatures.Of(_folder), line => line.Contains(Path.GetFileName(cache.File.Path), StringComparison.Ordinal));
        }
        finally
        {
            cache.Dispose();
        }

        Assert.Empty(MappedFeatures.Of(_folder));
    }

    [Fact]
    public void ALeftoverFileOfAnEndedProcessIsDeletedByTheNextCacheFileAndOneOfARunningProcessIsKept()
    {
        string ended = Path.Combine(_folder, $"trisimplenet-features.{EndedProcessId()}.{Guid.NewGuid():N}.cache");
        string running = Path.Combine(_folder, $"trisimplenet-features.{Environment.ProcessId}.{Guid.NewGuid():N}.cache");
        File.WriteAllBytes(ended, [1]);
        File.WriteAllBytes(running, [1]);

        using (MappedFeatures.Build(Images, budget: 0, _folder)) { }

        Assert.False(File.Exists(ended));
        Assert.True(File.Exists(running));
    }

    [Fact]
    public void AFolderWithoutRoomIsRefusedNamingTheOptionsAndTheFolderAndLeavesNoFile()
    {
        long free = new DriveInfo(_folder).AvailableFreeSpace;
        // float32 rows of 1 MiB: a GiB more than the disk has.
        long[] shape = [(free >> 20) + 1024, 512, 512, 1];

        var error = Assert.Throws<IOException>(() => FeatureCacheFile.Create(_folder, shape, ScalarType.Float32));

        Assert.Contains("TrisimpleNetOptions.FeatureCacheFolder", error.Message);
        Assert.Contains("TrisimpleNetOptions.FeatureCacheMemoryBudget", error.Message);
        Assert.Contains(_folder, error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    private static int EndedProcessId()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", "--version")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.Id;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
