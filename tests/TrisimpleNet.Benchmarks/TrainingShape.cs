using TrisimpleNet.Training;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// The sizes of one training step: P = batch x positions feature rows of width D, a discriminator of hidden width H;
/// the grid of the ResNet18 layer2 features is input / 8 on each side.
/// </summary>
public sealed record TrainingShape(int Input, int Batch, int Width, int Hidden, TrainingMethod Method, DiscriminatorPasses Passes)
{
    public static TrainingShape FromArguments(BenchmarkArguments arguments) => new(
        arguments.Int("input", 288),
        arguments.Int("batch", 4),
        arguments.Int("width", 1536),
        arguments.Int("hidden", 1024),
        arguments.Enum("method", TrainingMethod.TrisimpleNet),
        arguments.Enum("passes", DiscriminatorPasses.Joint));

    public int Grid => Input / 8;

    /// <summary>P: feature rows per step.</summary>
    public long Rows => (long)Batch * Grid * Grid;

    /// <summary>
    /// Rows of the discriminator's first product: q, q- and q' (TrisimpleNet) or q and q- (SimpleNet). Per-pair passes
    /// (<see cref="Passes"/>) normalise q twice but compute its product once (MlpDiscriminator.ForwardPairs).
    /// </summary>
    public long DiscriminatorRows => (Method == TrainingMethod.TrisimpleNet ? 3 : 2) * Rows;

    /// <summary>The adaptor's matmul: P x D times D x D.</summary>
    public MatmulShape Adaptor => new(Rows, Width, Width);

    /// <summary>The discriminator's first layer: (3P or 2P) x D times D x H.</summary>
    public MatmulShape Discriminator => new(DiscriminatorRows, Width, Hidden);

    /// <summary>
    /// FLOPs of a step, ignoring the small rest: adaptor forward and weight gradient (its input needs no gradient),
    /// discriminator first layer forward, input gradient and weight gradient.
    /// </summary>
    public double StepFlops => 2 * Adaptor.Flops + 3 * Discriminator.Flops;

    /// <summary>W A, the weights' own product in the folded pass: H x D times D x D.</summary>
    public MatmulShape Composite => new(Hidden, Width, Width);

    /// <summary>
    /// FLOPs the folded pass (FoldedTrainingPass, what the built-in parts train with) executes per step: the
    /// (3P or 2P) rows X (W A)^T and N W^T forward and their weight gradients backward, the discriminator's shape twice;
    /// W A forward and its two gradients.
    /// </summary>
    public double FoldedStepFlops => 2 * Discriminator.Flops + 3 * Composite.Flops;
}

/// <summary>An M x K times K x N matrix product.</summary>
public sealed record MatmulShape(long M, long K, long N)
{
    public double Flops => 2.0 * M * K * N;

    public override string ToString() => $"[{M} x {K}] @ [{K} x {N}]";
}
