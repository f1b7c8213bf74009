using TrisimpleNet.Training;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>Hands each report to <c>report</c> on the training thread, at once (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value) => report(value);
}
