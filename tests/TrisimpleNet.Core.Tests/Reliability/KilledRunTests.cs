using System.Diagnostics;
using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// A training process killed after a checkpoint (here after epoch 3, one epoch past the checkpoint of epoch 2) loses
/// only the epochs since: resuming from the checkpoint in another process gives the uninterrupted run's detector,
/// bit for bit. A killed process whose feature cache was in a file leaves no file behind.
/// </summary>
public sealed class KilledRunTests : IDisposable
{
    // A guard against a child that hangs before epoch 3, not a measurement: the child needs seconds.
    private static readonly TimeSpan ChildGuard = TimeSpan.FromMinutes(10);

    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-killed-").FullName;

    [Fact]
    public void RunKilledAfterACheckpointResumesInAnotherProcessToTheUninterruptedRunsDetectorBitForBit()
    {
        var checkpointPath = Path.Combine(_folder, "run.ckpt");
        RunChildUntilKilledAfterEpoch(checkpointPath, 3);
        Assert.Equal(CheckpointRuns.CheckpointEveryEpochs, CheckpointFile.Read(checkpointPath).Epoch);

        using var resumed = CheckpointRuns.Builder(null).ResumeFrom(checkpointPath).Train(CheckpointRuns.TrainingImages());
        using var uninterrupted = CheckpointRuns.TrainUninterrupted();

        Assert.Equal(CheckpointRuns.Scores(uninterrupted), CheckpointRuns.Scores(resumed));
        Assert.Equal(CheckpointRuns.History(uninterrupted), CheckpointRuns.History(resumed));
    }

    [SkippableFact]
    public void RunKilledWithItsFeatureCacheInAFileLeavesNoFileBehind()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Reads the child's /proc/PID/maps; only where a mapped file can be unlinked does a killed process leave none.");
        var cacheFolder = Directory.CreateDirectory(Path.Combine(_folder, "cache")).FullName;
        string[] mappedBeforeKill = [];

        RunChildUntilKilledAfterEpoch(Path.Combine(_folder, "run.ckpt"), 1, cacheFolder,
            child => mappedBeforeKill = File.ReadAllLines($"/proc/{child.Id}/maps").Where(line => line.Contains(cacheFolder + "/", StringComparison.Ordinal)).ToArray());

        Assert.NotEmpty(mappedBeforeKill);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cacheFolder));
    }

    private static void RunChildUntilKilledAfterEpoch(string checkpointPath, int epoch, string? cacheFolder = null, Action<Process>? beforeKill = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(TestAssemblyEntryPoint).Assembly.Location, TestAssemblyEntryPoint.TrainUntilKilled, checkpointPath, epoch.ToString(), cacheFolder })
            if (argument is not null) start.ArgumentList.Add(argument);
        using var child = Process.Start(start)!;
        try
        {
            var errors = child.StandardError.ReadToEndAsync();
            var line = child.StandardOutput.ReadLineAsync();
            Assert.True(line.Wait(ChildGuard), $"The child process did not finish epoch {epoch} within the guard time.");
            // Its standard error ends only when it exits: read it only when it did.
            if (line.Result != $"epoch {epoch}") Assert.Fail($"The child process stopped before finishing epoch {epoch}: {errors.Result}");
            beforeKill?.Invoke(child);
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
