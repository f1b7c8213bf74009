namespace TrisimpleNet.Benchmark;

/// <summary>What a benchmark run trains: a detector with one of the two training methods, or the PatchCore baseline.</summary>
public enum BenchmarkMode
{
    SimpleNet,
    TrisimpleNet,
    PatchCore,
}
