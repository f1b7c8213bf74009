namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>Tests that measure the process's working set run alone: other tests' allocations would count as theirs.</summary>
[CollectionDefinition(nameof(WorkingSetCollection), DisableParallelization = true)]
public sealed class WorkingSetCollection;
