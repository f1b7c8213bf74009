namespace TrisimpleNet.Features;

/// <summary>The neighbourhood side both aggregators take: a positive odd number, so the window centres on a position.</summary>
internal static class PatchSize
{
    public static void ThrowIfInvalid(int patchSize)
    {
        if (patchSize < 1 || patchSize % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(patchSize), patchSize, "The patch size must be a positive odd number.");
    }
}
