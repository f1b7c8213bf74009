using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// The test assembly's entry point (the test runner never calls it). <see cref="KilledRunTests"/> runs the assembly as
/// a child process with <c>train-until-killed CHECKPOINT EPOCH</c>: it trains <see cref="CheckpointRuns"/>' run with
/// checkpoints, and when epoch EPOCH has finished it prints "epoch EPOCH" and waits to be killed.
/// </summary>
internal static class TestAssemblyEntryPoint
{
    public const string TrainUntilKilled = "train-until-killed";

    public static int Main(string[] args)
    {
        if (args is not [TrainUntilKilled, var checkpointPath, var epochText] || !int.TryParse(epochText, out int waitAfterEpoch))
        {
            Console.Error.WriteLine($"Usage: {TrainUntilKilled} CHECKPOINT EPOCH");
            return 2;
        }
        var waitToBeKilled = new SynchronousProgress(report =>
        {
            if (report.Stage != TrainingStage.Epoch || report.Epoch != waitAfterEpoch) return;
            Console.WriteLine($"epoch {waitAfterEpoch}");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        });
        using var detector = CheckpointRuns.Builder(checkpointPath).Train(CheckpointRuns.TrainingImages(), waitToBeKilled);
        Console.Error.WriteLine($"Training finished without waiting after epoch {waitAfterEpoch}.");
        return 1;
    }
}
