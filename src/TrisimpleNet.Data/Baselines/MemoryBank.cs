using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Data.Baselines;

/// <summary>
/// PatchCore's memory bank of normal patch features, answering for each query feature the Euclidean distance to its
/// nearest bank feature, in blocks of queries: ||q - b||^2 = ||q||^2 - 2 q.b + ||b||^2, clamped at 0.
/// </summary>
public sealed class MemoryBank : IDisposable
{
    private readonly Tensor _features;
    private readonly Tensor _squaredNorms;
    private readonly int _blockRows;

    /// <param name="features">K x D bank features (copied to float32).</param>
    /// <param name="blockRows">Query rows per distance block: each block holds a blockRows x K matrix.</param>
    public MemoryBank(Tensor features, int blockRows = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        if (features.dim() != 2 || features.shape[0] == 0)
            throw new ArgumentException($"The memory bank needs a non-empty K x D matrix, not shape [{string.Join(", ", features.shape)}].", nameof(features));
        _features = features.to(ScalarType.Float32, copy: true).DetachFromDisposeScope();
        using Scalar two = 2;
        _squaredNorms = _features.pow(two).sum(1).DetachFromDisposeScope();
        _blockRows = blockRows;
    }

    /// <summary>Number of features in the bank.</summary>
    public long Count => _features.shape[0];

    /// <summary>Width of each feature.</summary>
    public long Width => _features.shape[1];

    /// <summary>The bank's features (K x D, float32); owned by the bank.</summary>
    public Tensor Features => _features;

    /// <summary>Distance from each row of <paramref name="queries"/> (M x D) to its nearest bank feature: M values.</summary>
    public Tensor NearestDistances(Tensor queries)
    {
        if (queries.dim() != 2 || queries.shape[1] != Width)
            throw new ArgumentException($"Queries need shape [M, {Width}], not [{string.Join(", ", queries.shape)}].", nameof(queries));
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var rows = queries.to(ScalarType.Float32).to(_features.device);
        var nearest = empty(rows.shape[0], dtype: ScalarType.Float32, device: _features.device);
        var bankTransposed = _features.t();
        using Scalar one = 1, two = 2;
        for (long start = 0; start < rows.shape[0]; start += _blockRows)
        {
            using var block = NewDisposeScope();
            var part = rows.narrow(0, start, Math.Min(_blockRows, rows.shape[0] - start));
            var squared = _squaredNorms.unsqueeze(0).addmm(part, bankTransposed, beta: 1, alpha: -2)
                .add_(part.pow(two).sum(1, keepdim: true), one);
            nearest.narrow(0, start, part.shape[0]).copy_(squared.amin(1));
        }
        using Scalar zero = 0;
        return nearest.clamp_min_(zero).sqrt_().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _features.Dispose();
        _squaredNorms.Dispose();
    }
}
