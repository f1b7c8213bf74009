using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace TrisimpleNet.Features;

/// <summary>
/// One layer's share of the official unfold-and-pool aggregation, applied without the unfold: a sparse linear map from
/// the layer's values at the patch x patch window offsets to the output columns the layer reaches. Adaptive average
/// pooling averages consecutive unfold rows, and a window row of one channel is patch consecutive rows, so most terms
/// cover whole window rows with one weight: those read a horizontal box sum shifted by the window row; any other term
/// reads the shifted value itself. Terms with the same source are one gather, one scale and one index-add.
/// </summary>
internal sealed class LayerPooling : IDisposable
{
    private readonly IReadOnlyList<TermGroup> _groups;
    private readonly int _patchSize;

    private LayerPooling(Tensor columns, IReadOnlyList<TermGroup> groups, int patchSize)
    {
        Columns = columns;
        _groups = groups;
        _patchSize = patchSize;
    }

    /// <summary>The output columns this layer reaches, in the order of <see cref="Apply"/>'s rows.</summary>
    public Tensor Columns { get; }

    /// <summary>Groups <paramref name="terms"/> by source; the tensors are created on <paramref name="device"/> outside any dispose scope.</summary>
    /// <param name="columns">The reached output columns; the pooling takes ownership.</param>
    /// <param name="terms">Every non-zero weight of the map; <see cref="PoolingTerm.Column"/> indexes <paramref name="columns"/>.</param>
    /// <param name="patchSize">The window side.</param>
    /// <param name="device">Where the layer maps will be.</param>
    public static LayerPooling FromTerms(Tensor columns, IEnumerable<PoolingTerm> terms, int patchSize, Device device)
    {
        var boxes = new List<PoolingTerm>();
        var singles = new List<PoolingTerm>();
        foreach (var windowRow in terms.GroupBy(t => (t.Column, t.Channel, t.WindowRow)))
        {
            var rowTerms = windowRow.ToList();
            if (rowTerms.Count == patchSize && rowTerms.All(t => t.Weight == rowTerms[0].Weight)) boxes.Add(rowTerms[0]);
            else singles.AddRange(rowTerms);
        }
        var groups = boxes.GroupBy(t => (t.WindowRow, WindowColumn: BoxSource))
            .Concat(singles.GroupBy(t => (t.WindowRow, t.WindowColumn)))
            .Select(group => TermGroup.Create(group.Key.WindowRow, group.Key.WindowColumn, group.ToList(), device))
            .ToList();
        return new LayerPooling(columns, groups, patchSize);
    }

    private const int BoxSource = -1;

    /// <summary>The layer's pooled neighbourhoods: N x C x H x W in, N x reached columns x (H * W) out, as the official unfold-then-pool.</summary>
    public Tensor Apply(Tensor layer)
    {
        using var scope = NewDisposeScope();
        long batch = layer.shape[0], height = layer.shape[2], width = layer.shape[3];
        int half = _patchSize / 2;
        // Zero padding, as the unfold's.
        var padded = pad(layer, [half, half, half, half]);
        using Scalar one = 1;
        Tensor? rowSums = null;
        if (_groups.Any(g => g.WindowColumn == BoxSource))
        {
            rowSums = padded.narrow(3, 0, width).clone();
            for (int column = 1; column < _patchSize; column++) rowSums.add_(padded.narrow(3, column, width), one);
        }
        var result = zeros([batch, Columns.shape[0], height * width], dtype: layer.dtype, device: layer.device);
        foreach (var group in _groups)
        {
            var source = group.WindowColumn == BoxSource
                ? rowSums!.narrow(2, group.WindowRow, height)
                : padded.narrow(2, group.WindowRow, height).narrow(3, group.WindowColumn, width);
            var gathered = source.index_select(1, group.Channels).mul_(group.Weights);
            result.index_add_(1, group.Targets, gathered.reshape(batch, -1, height * width), one);
        }
        return result.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        Columns.Dispose();
        foreach (var group in _groups)
        {
            group.Channels.Dispose();
            group.Targets.Dispose();
            group.Weights.Dispose();
        }
    }

    // Terms reading one source (a shifted box sum or a shifted value): the channel each reads, the row of the result it
    // adds to, and its weight.
    private sealed record TermGroup(int WindowRow, int WindowColumn, Tensor Channels, Tensor Targets, Tensor Weights)
    {
        public static TermGroup Create(int windowRow, int windowColumn, IReadOnlyList<PoolingTerm> terms, Device device) => new(
            windowRow,
            windowColumn,
            tensor(terms.Select(t => t.Channel).ToArray(), device: device).DetachFromDisposeScope(),
            tensor(terms.Select(t => t.Column).ToArray(), device: device).DetachFromDisposeScope(),
            tensor(terms.Select(t => (float)t.Weight).ToArray(), device: device).reshape(1, -1, 1, 1).DetachFromDisposeScope());
    }
}

/// <summary>One non-zero weight of the unfold-and-pool map: the layer value at (channel, window row, window column) times the weight adds to a column.</summary>
internal sealed record PoolingTerm(long Channel, int WindowRow, int WindowColumn, long Column, double Weight);
