using System.Runtime;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>
/// Counts the TorchSharp tensors an action leaves for the finalizer: tensors made and neither disposed nor kept.
/// Such a temporary can be finalised while a native call on another thread still reads it (docs/thread-safety.md);
/// this is how the rule "every tensor lives in a dispose scope or a using" is checked at run time.
/// </summary>
/// <remarks>
/// The action runs in a no-GC region, so nothing it leaves is finalised before it returns; then a collection runs the
/// finalizers, and the fall in <see cref="Tensor.TotalCount"/> is what they freed. (The count itself is no measure of
/// what is left: TorchSharp never takes back the count of a tensor whose handle a new parameter takes over.) The
/// count is process-wide, so callers run in <see cref="WorkingSetCollection"/>, alone.
/// </remarks>
internal static class TensorsLeftToTheFinalizer
{
    private const long NoCollectionBudget = 1L << 30;

    public static long Count(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (!GC.TryStartNoGCRegion(NoCollectionBudget))
            throw new InvalidOperationException("The runtime refused a no-GC region.");
        try
        {
            action();
        }
        finally
        {
            if (GCSettings.LatencyMode != GCLatencyMode.NoGCRegion)
                throw new InvalidOperationException("A garbage collection ran during the action, so finalised tensors went uncounted.");
            GC.EndNoGCRegion();
        }
        long afterAction = Tensor.TotalCount;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return afterAction - Tensor.TotalCount;
    }
}
