using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Noise;

/// <summary>
/// Standard normal values for a large CPU tensor, drawn in fixed blocks, each from its own generator seeded from the
/// caller's, on as many threads as torch uses. libtorch draws one generator's values on one thread: a training step's
/// noise at SimpleNet's faithful shapes (two draws of 10,368 x 1,536) took about a sixth of the step while the second
/// core waited (docs/performance.md). The blocks depend on the value count alone, never on the thread count, so a
/// seed draws the same noise on every machine; the caller's generator advances by one draw of the block seeds, so a
/// checkpoint's generator state still resumes a run bit for bit. A draw of one block is the caller's generator's own.
/// </summary>
internal static class BlockwiseNormal
{
    /// <summary>Values per block: about 3 ms of drawing, far above the cost of a generator and a thread hand-off.</summary>
    public const long ValuesPerBlock = 1L << 20;

    /// <summary>The blocks a draw of <paramref name="count"/> values is split into.</summary>
    public static int BlockCount(long count) => (int)Math.Max(1, (count + ValuesPerBlock - 1) / ValuesPerBlock);

    /// <summary>
    /// A tensor of <paramref name="shape"/> with N(0, <paramref name="std"/>^2) values drawn from
    /// <paramref name="generator"/>'s stream. libtorch scales each standard normal value as it draws it, so for 16
    /// values or more these are bit for bit the N(0, 1) values times <paramref name="std"/>, without a second pass.
    /// </summary>
    public static Tensor Draw(long[] shape, ScalarType type, Device device, Generator generator, double std = 1) =>
        Draw(shape, type, device, generator, get_num_threads(), std);

    /// <summary>As <see cref="Draw(long[], ScalarType, Device, Generator, double)"/> on at most <paramref name="threads"/> threads; the values do not depend on it.</summary>
    internal static Tensor Draw(long[] shape, ScalarType type, Device device, Generator generator, int threads, double std = 1)
    {
        long count = shape.Aggregate(1L, (product, size) => product * size);
        int blocks = BlockCount(count);
        if (blocks == 1 || device.type != DeviceType.CPU) return empty(shape, type, device).normal_(0, std, generator);

        var seeds = BlockSeeds(blocks, generator);
        var noise = empty(shape, type, device);
        try
        {
            using var values = noise.view(count);
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, block =>
            {
                long start = block * ValuesPerBlock;
                using var blockGenerator = new Generator(seeds[block], CPU);
                using var part = values.narrow(0, start, Math.Min(ValuesPerBlock, count - start));
                using var _ = part.normal_(0, std, blockGenerator);
            });
            return noise;
        }
        catch
        {
            noise.Dispose();
            throw;
        }
    }

    private static ulong[] BlockSeeds(int blocks, Generator generator)
    {
        using var drawn = randint(long.MaxValue, [blocks], ScalarType.Int64, CPU, generator: generator);
        return [.. drawn.data<long>().ToArray().Select(seed => (ulong)seed)];
    }
}
