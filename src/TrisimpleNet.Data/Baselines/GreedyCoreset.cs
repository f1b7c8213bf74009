using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Data.Baselines;

/// <summary>
/// PatchCore's approximate greedy coreset (Roth et al., CVPR 2022, Algorithm 1): the features are projected at
/// random to a few dimensions (Johnson-Lindenstrauss), then farthest-point selection repeatedly adds the feature
/// whose distance to the nearest already selected one is largest, starting from a random feature.
/// </summary>
public static class GreedyCoreset
{
    /// <summary>Indices (ascending selection order) of <paramref name="count"/> rows of <paramref name="features"/> (M x D).</summary>
    /// <param name="features">The memory bank, one feature per row.</param>
    /// <param name="count">How many rows to keep, 1 to M.</param>
    /// <param name="projectionWidth">Dimensions of the random projection; features no wider than this are used as they are.</param>
    /// <param name="seed">Seeds the projection and the starting row.</param>
    public static long[] Select(Tensor features, int count, int projectionWidth, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, features.shape[0]);
        ArgumentOutOfRangeException.ThrowIfLessThan(projectionWidth, 1);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var generator = new Generator((ulong)seed, CPU);
        var points = features.to(ScalarType.Float32);
        long width = features.shape[1];
        if (width > projectionWidth)
        {
            // Gaussian entries with variance 1/k keep expected squared distances (Johnson-Lindenstrauss).
            using Scalar scale = Math.Sqrt(projectionWidth);
            var projection = randn([width, projectionWidth], generator: generator).div_(scale).to(features.device);
            points = points.matmul(projection);
        }
        long start = randint(features.shape[0], [1], generator: generator).item<long>();
        return FarthestPoints(points, count, start);
    }

    /// <summary>
    /// Farthest-point order of <paramref name="points"/> (M x d) from row <paramref name="start"/>: each next row is
    /// the one farthest (Euclidean) from its nearest already chosen row; ties go to the lowest index.
    /// </summary>
    public static long[] FarthestPoints(Tensor points, int count, long start)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, points.shape[0]);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using Scalar zero = 0, one = 1, two = 2, minusTwo = -2, infinity = double.PositiveInfinity;
        var squaredNorms = points.pow(two).sum(1);
        var nearestChosen = full(points.shape[0], infinity, dtype: points.dtype, device: points.device);
        var chosen = new long[count];
        chosen[0] = start;
        for (int i = 1; i < count; i++)
        {
            using var step = NewDisposeScope();
            // ||p - c||^2 = ||p||^2 - 2 p.c + ||c||^2, one matrix-vector product per step.
            long last = chosen[i - 1];
            var toLast = squaredNorms.add(points.mv(points[last]), alpha: minusTwo).add_(squaredNorms[last], one).clamp_min_(zero);
            nearestChosen.copy_(minimum(nearestChosen, toLast));
            chosen[i] = nearestChosen.argmax().item<long>();
        }
        return chosen;
    }
}
