using System.Runtime.CompilerServices;

namespace TrisimpleNet.Parts;

/// <summary>
/// Records which parts given to <see cref="AnomalyDetectorBuilder"/> already belong to a detector. A detector disposes
/// what it owns, so one part instance in two detectors would be disposed twice and used after disposal; the second
/// claim fails instead, naming the part.
/// </summary>
internal static class PartOwnership
{
    private static readonly ConditionalWeakTable<object, object> Owned = new();
    private static readonly object Claimed = new();

    /// <summary>Claims every part, or none: throws <see cref="InvalidOperationException"/> if one is owned already.</summary>
    public static void Claim(IReadOnlyList<(object Part, string Method)> parts)
    {
        var claimed = new List<object>();
        foreach (var (part, method) in parts)
        {
            if (!Owned.TryAdd(part, Claimed))
            {
                Release(claimed);
                throw new InvalidOperationException(
                    $"The {part.GetType().Name} given to {nameof(AnomalyDetectorBuilder)}.{method} already belongs to another " +
                    "detector, which disposes it with itself. Give each detector its own instance.");
            }
            claimed.Add(part);
        }
    }

    /// <summary>Gives parts back to the caller (when training them failed).</summary>
    public static void Release(IEnumerable<object> parts)
    {
        foreach (var part in parts) Owned.Remove(part);
    }
}
