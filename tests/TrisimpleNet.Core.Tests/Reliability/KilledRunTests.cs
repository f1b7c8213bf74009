using System.Diagnostics;
using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// A training process killed after a checkpoint (here after epoch 3, one epoch past the checkpoint of epoch 2) loses
/// only the epochs since: resuming from the checkpoint in another process gives the uninterrupted run's detector,
/// bit for bit.
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

    private static void RunChildUntilKilledAfterEpoch(string checkpointPath, int epoch)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(TestAssemblyEntryPoint).Assembly.Location, TestAssemblyEntryPoint.TrainUntilKilled, checkpointPath, epoch.ToString() })
            start.ArgumentList.Add(argument);
        using var child = Process.Start(start)!;
        try
        {
            var errors = child.StandardError.ReadToEndAsync();
            var line = child.StandardOutput.ReadLineAsync();
            Assert.True(line.Wait(ChildGuard), $"The child process did not finish epoch {epoch} within the guard time.");
            // Its standard error ends only when it exits: read it only when it did.
            if (line.Result != $"epoch {epoch}") Assert.Fail($"The child process stopped before finishing epoch {epoch}: {errors.Result}");
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
