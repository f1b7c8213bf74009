namespace TrisimpleNet.Data.Baselines;

/// <summary>PatchCore's own settings; the features come from the <see cref="TrisimpleNetOptions"/> it is given.</summary>
public sealed record PatchCoreOptions
{
    /// <summary>Share of all training positions kept in the memory bank by the greedy coreset (the paper uses 1% to 25%).</summary>
    public double CoresetRatio { get; init; } = 0.01;

    /// <summary>Dimensions of the random projection the coreset selection works in (128 in the paper's code).</summary>
    public int ProjectionWidth { get; init; } = 128;

    /// <summary>Seeds the projection and the coreset's starting feature.</summary>
    public int Seed { get; init; }

    /// <summary>Query rows per nearest-neighbour distance block.</summary>
    public int DistanceBlockRows { get; init; } = 4096;
}
