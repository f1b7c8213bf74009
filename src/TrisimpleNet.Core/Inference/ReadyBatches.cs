using System.Runtime.CompilerServices;

namespace TrisimpleNet.Inference;

/// <summary>
/// Groups an asynchronous source into batches of what is ready: a batch ends when it holds the maximum size, or when
/// the source's next item is not available yet. A fast source (files) gives full batches; a slow one (a camera) gives
/// each item as it arrives instead of holding it back until a batch fills. The source is asked for its next item
/// before a batch is handed out, so it keeps producing while the batch is processed.
/// </summary>
internal static class ReadyBatches
{
    public static async IAsyncEnumerable<IReadOnlyList<T>> Of<T>(IAsyncEnumerable<T> source, int maxSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var items = source.GetAsyncEnumerator(stop.Token);
        // A task rather than the ValueTask: it is checked for completion and may be awaited again in finally.
        var next = Task.FromResult(false);
        var batch = new List<T>(maxSize);
        try
        {
            next = items.MoveNextAsync().AsTask();
            while (await next.ConfigureAwait(false))
            {
                batch.Add(items.Current);
                next = items.MoveNextAsync().AsTask();
                if (batch.Count == maxSize || !next.IsCompleted)
                {
                    yield return batch.ToArray();
                    batch.Clear();
                }
            }
            if (batch.Count > 0) yield return batch.ToArray();
        }
        finally
        {
            // Left early (a failed batch, a consumer that stopped): the source may be waiting for its next item. Tell it
            // to stop and let that call end before disposing the source, which cannot be disposed mid-call; what the
            // abandoned call throws gives way to the exception already leaving, if any.
            stop.Cancel();
            try { await next.ConfigureAwait(false); }
            catch (Exception) { }
            await items.DisposeAsync().ConfigureAwait(false);
        }
    }
}
