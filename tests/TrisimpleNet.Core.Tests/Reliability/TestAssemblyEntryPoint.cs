using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// The test assembly's entry point (the test runner never calls it). <see cref="KilledRunTests"/> runs the assembly as
/// a child process with <c>train-until-killed CHECKPOINT EPOCH [CACHE-FOLDER]</c>: it trains <see cref="CheckpointRuns"/>'
/// run with checkpoints (with a CACHE-FOLDER, its feature cache in a file there), and when epoch EPOCH has finished it
/// prints "epoch EPOCH" and waits to be killed.
/// </summary>
internal static class TestAssemblyEntryPoint
{
    public const string TrainUntilKilled = "train-until-killed";

    public static int Main(string[] args)
    {
        if (args.Length is < 3 or > 4 || args[0] != TrainUntilKilled || !int.TryParse(args[2], out int waitAfterEpoch))
        {
            Console.Error.WriteLine($"Usage: {TrainUntilKilled} CHECKPOINT EPOCH [CACHE-FOLDER]");
            return 2;
        }
        string checkpointPath = args[1];
        string? cacheFolder = args.Length == 4 ? args[3] : null;
        var waitToBeKilled = new SynchronousProgress(report =>
        {
            if (report.Stage != TrainingStage.Epoch || report.Epoch != waitAfterEpoch) return;
            Console.WriteLine($"epoch {waitAfterEpoch}");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        });
        using var detector = CheckpointRuns.Builder(checkpointPath, cacheFolder).Train(CheckpointRuns.TrainingImages(), waitToBeKilled);
        Console.Error.WriteLine($"Training finished without waiting after epoch {waitAfterEpoch}.");
        return 1;
    }
}
