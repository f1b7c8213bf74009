namespace TrisimpleNet.Benchmark;

/// <summary>An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, so timings taken there are exact.</summary>
public sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
