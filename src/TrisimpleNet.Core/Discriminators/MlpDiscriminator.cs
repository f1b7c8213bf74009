using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrisimpleNet.Discriminators;

/// <summary>
/// The SimpleNet discriminator: (Linear - BatchNorm1d - LeakyReLU) blocks then a bias-free Linear to one score,
/// Xavier-normal initialised. With two layers and hidden width 1024 this is the paper's Linear(1536, 1024),
/// BatchNorm1d, LeakyReLU(0.2), Linear(1024, 1). Names (<c>body.block1.0.weight</c>, <c>body.block1.1.running_mean</c>,
/// <c>tail.weight</c>) line up with the official state dict; the parameter-free LeakyReLU is applied functionally.
/// </summary>
public sealed class MlpDiscriminator : nn.Module<Tensor, Tensor>, IDiscriminator
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly Linear tail;

    /// <param name="inputWidth">Feature width.</param>
    /// <param name="hiddenWidth">Width of each hidden block.</param>
    /// <param name="layers">Number of linear layers, at least 1 (the last one gives the score).</param>
    /// <param name="negativeSlope">LeakyReLU slope.</param>
    /// <param name="precision">Precision of the hidden blocks' matrix products; BatchNorm and the score stay float32.</param>
    /// <param name="generator">Draws the initial weights; null uses torch's global generator.</param>
    public MlpDiscriminator(int inputWidth, int hiddenWidth = 1024, int layers = 2, double negativeSlope = 0.2,
        ComputePrecision precision = ComputePrecision.Float32, Generator? generator = null)
        : base("Discriminator")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = inputWidth;
        for (int i = 0; i < layers - 1; i++)
        {
            var linear = nn.Linear(width, hiddenWidth);
            SeededInitialization.Linear(linear, generator);
            blocks.Add(($"block{i + 1}", nn.Sequential(linear, nn.BatchNorm1d(hiddenWidth))));
            width = hiddenWidth;
        }
        body = nn.Sequential(blocks);
        tail = nn.Linear(width, 1, hasBias: false);
        SeededInitialization.Linear(tail, generator);
        NegativeSlope = negativeSlope;
        Precision = precision;
        RegisterComponents();
    }

    /// <summary>LeakyReLU slope.</summary>
    public double NegativeSlope { get; }

    /// <summary>Precision of the hidden blocks' matrix products.</summary>
    public ComputePrecision Precision { get; }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Network => this;

    /// <summary>Each hidden block's linear map and BatchNorm, in order.</summary>
    internal IEnumerable<(Linear Linear, BatchNorm1d Norm)> Blocks =>
        body.children().Select(block => block.children().ToArray()).Select(parts => ((Linear)parts[0], (BatchNorm1d)parts[1]));

    /// <summary>The first hidden block's linear map; null without hidden blocks.</summary>
    internal Linear? FirstLinear => Blocks.Select(block => block.Linear).FirstOrDefault();

    /// <summary>
    /// The scores of rows whose first-layer products W x + b are given, the first BatchNorm normalising all of them
    /// together, as one <see cref="forward"/> over those rows would. Needs a hidden block.
    /// </summary>
    internal Tensor ScoreFirstProducts(Tensor firstProducts)
    {
        var hiddenBlocks = Blocks.ToList();
        return AfterFirstBlock(hiddenBlocks, Activate(hiddenBlocks[0].Norm, firstProducts));
    }

    /// <summary>The score layer's weight (1 x width).</summary>
    internal Tensor TailWeight => tail.weight!;

    /// <inheritdoc />
    public override Tensor forward(Tensor features)
    {
        var computeType = MixedPrecision.ScalarTypeOf(Precision);
        var hidden = features;
        foreach (var (linear, norm) in Blocks)
            hidden = Activate(norm, MixedPrecision.Linear(hidden, linear.weight!, linear.bias, computeType));
        return tail.forward(hidden);
    }

    /// <summary>
    /// The scores of the rows of <paramref name="blocks"/> in order, then of the first block moved by
    /// <paramref name="offsets"/>: as <c>forward(cat(blocks..., blocks[0] + offsets))</c>, with BatchNorm over all rows.
    /// The first layer is linear, so W (q + d) + b = (W q + b) + W d: the offsets get their own product, added in
    /// float32. In bfloat16 this keeps offsets far below the features' resolution (the fake normals' sigma') that
    /// rounding q + d would erase, at the cost of the plain product; and no block is copied into one input tensor.
    /// </summary>
    public Tensor ForwardWithOffsetCopies(IReadOnlyList<Tensor> blocks, Tensor offsets)
    {
        var hiddenBlocks = Blocks.ToList();
        if (hiddenBlocks.Count == 0)
        {
            using Scalar one = 1;
            return forward(cat([.. blocks, blocks[0].add(offsets, one)], 0));
        }
        var (firstLinear, firstNorm) = hiddenBlocks[0];
        return AfterFirstBlock(hiddenBlocks, Activate(firstNorm, cat(FirstProducts(firstLinear, blocks, offsets), 0)));
    }

    /// <summary>
    /// Per-pair passes: the scores of <c>forward(cat(normal, fakeAnomalies))</c>, then of <c>forward(cat(normal,
    /// normal + fakeNormalOffsets))</c>, BatchNorm normalising each pass alone, as two calls would. BatchNorm comes
    /// after the first linear layer, so W q + b is the same in both passes and is computed once: the passes cost the
    /// products of one joint pass. The fake normals are offsets, as in <see cref="ForwardWithOffsetCopies"/>.
    /// </summary>
    public Tensor ForwardPairs(Tensor normal, Tensor fakeAnomalies, Tensor fakeNormalOffsets)
    {
        var hiddenBlocks = Blocks.ToList();
        if (hiddenBlocks.Count == 0)
            return cat([forward(cat([normal, fakeAnomalies], 0)), ForwardWithOffsetCopies([normal], fakeNormalOffsets)], 0);
        var products = FirstProducts(hiddenBlocks[0].Linear, [normal, fakeAnomalies], fakeNormalOffsets); // q, q-, q'
        return cat([ScoreFirstProducts(cat([products[0], products[1]], 0)), ScoreFirstProducts(cat([products[0], products[2]], 0))], 0);
    }

    // W x + b of each block, then of the first block moved by the offsets, as (W q + b) + W d.
    private List<Tensor> FirstProducts(Linear first, IReadOnlyList<Tensor> blocks, Tensor offsets)
    {
        var computeType = MixedPrecision.ScalarTypeOf(Precision);
        var products = blocks.Select(block => MixedPrecision.Linear(block, first.weight!, first.bias, computeType)).ToList();
        products.Add(MixedPrecision.AddLinear(products[0], offsets, first.weight!, computeType));
        return products;
    }

    // The hidden blocks after the first, then the score layer.
    private Tensor AfterFirstBlock(List<(Linear Linear, BatchNorm1d Norm)> hiddenBlocks, Tensor hidden)
    {
        var computeType = MixedPrecision.ScalarTypeOf(Precision);
        foreach (var (linear, norm) in hiddenBlocks.Skip(1))
            hidden = Activate(norm, MixedPrecision.Linear(hidden, linear.weight!, linear.bias, computeType));
        return tail.forward(hidden);
    }

    private Tensor Activate(BatchNorm1d norm, Tensor preActivation)
    {
        using Scalar negativeSlope = NegativeSlope;
        return Normalize(norm, preActivation).leaky_relu(negativeSlope);
    }

    /// <summary>
    /// <c>norm.forward(input)</c>, computed the same way, but counting the training batch with a scalar held for the
    /// call: TorchSharp's BatchNorm makes a scalar for that count that it does not keep alive (docs/thread-safety.md).
    /// </summary>
    internal static Tensor Normalize(BatchNorm1d norm, Tensor input)
    {
        double averagingFactor = norm.momentum ?? 0.0;
        if (norm.training && norm.track_running_stats && norm.num_batches_tracked is { } batches)
        {
            using Scalar one = 1;
            batches.add_(one, one);
            averagingFactor = norm.momentum ?? 1.0 / batches.item<long>();
        }
        return nn.functional.batch_norm(input, norm.running_mean, norm.running_var, norm.weight, norm.bias,
            norm.training || norm.running_mean is null, averagingFactor, norm.eps);
    }
}
