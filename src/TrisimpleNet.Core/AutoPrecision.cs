using System.Diagnostics;
using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>
/// Resolves <see cref="ComputePrecision.Auto"/>: bfloat16 only where this CPU has bfloat16 matrix instructions
/// (AVX-512 BF16 or AMX; without them libtorch's bfloat16 product is about 100x slower). Where the system lists the CPU's
/// flags (Linux: /proc/cpuinfo) they decide, so the choice, and with it a seeded model, does not depend on how busy the
/// machine is; elsewhere the matrix-product rates measured once per process decide. Made at run time, never at build time.
/// </summary>
public static class AutoPrecision
{
    /// <summary>
    /// How much faster measured bfloat16 products must be before Auto uses them where no CPU flags can be read: a
    /// bfloat16 product also converts its inputs and widens its result, which the product's rate alone does not show.
    /// </summary>
    public const double RequiredSpeedUp = 1.25;

    private const string CpuInfoPath = "/proc/cpuinfo";

    private static readonly Lazy<MatmulRates> s_cpuRates = new(MatmulRates.MeasureCpu, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<ComputePrecision> s_cpu = new(
        () => (File.Exists(CpuInfoPath) ? FromCpuFlags(File.ReadAllText(CpuInfoPath)) : null) ?? Choose(CpuRates),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The matrix-product rates of this process's CPU (measured on first access, in well under a second).</summary>
    public static MatmulRates CpuRates => s_cpuRates.Value;

    /// <summary>The precision <see cref="ComputePrecision.Auto"/> stands for in this process.</summary>
    public static ComputePrecision Cpu => s_cpu.Value;

    /// <summary>bfloat16 when its measured rate is at least <see cref="RequiredSpeedUp"/> times float32's, else float32.</summary>
    public static ComputePrecision Choose(MatmulRates rates) =>
        rates.BFloat16Gflops >= RequiredSpeedUp * rates.Float32Gflops ? ComputePrecision.BFloat16 : ComputePrecision.Float32;

    /// <summary>
    /// From the text of /proc/cpuinfo: bfloat16 when a "flags" line lists avx512_bf16 or amx_bf16, float32 when flags
    /// are listed without them, null when there is no flags line (another architecture's format: measure instead).
    /// </summary>
    public static ComputePrecision? FromCpuFlags(string cpuInfo)
    {
        var flags = cpuInfo.Split('\n')
            .Where(line => line.StartsWith("flags", StringComparison.Ordinal) && line.Contains(':'))
            .SelectMany(line => line[(line.IndexOf(':') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);
        if (flags.Count == 0) return null;
        return flags.Contains("avx512_bf16") || flags.Contains("amx_bf16") ? ComputePrecision.BFloat16 : ComputePrecision.Float32;
    }

    /// <summary><paramref name="precision"/> itself, or for <see cref="ComputePrecision.Auto"/> the precision that pays on this CPU.</summary>
    public static ComputePrecision Resolve(ComputePrecision precision) =>
        precision == ComputePrecision.Auto ? Cpu : precision;
}

/// <summary>Measured GFLOP/s of float32 and bfloat16 matrix products of the same shape, side by side in one run.</summary>
/// <param name="Float32Gflops">float32 rate.</param>
/// <param name="BFloat16Gflops">bfloat16 rate.</param>
public sealed record MatmulRates(double Float32Gflops, double BFloat16Gflops)
{
    private const int Repetitions = 3;

    /// <summary>
    /// A small product first, which costs milliseconds even where bfloat16 is slow and settles that case; otherwise
    /// a product of the training step's kind (rows x width times width x hidden), where the fast kernels are used.
    /// </summary>
    internal static MatmulRates MeasureCpu()
    {
        var small = Measure(64, 512, 512);
        return small.BFloat16Gflops < small.Float32Gflops ? small : Measure(1024, 1024, 1024);
    }

    // Both precisions alternate, so that load from other processes hits them alike; the best of each is kept.
    private static MatmulRates Measure(long rows, long inner, long columns)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // A private generator: the probe must not move the global random stream a caller may have seeded.
        using var generator = new Generator(0, CPU);
        var left = randn([rows, inner], generator: generator);
        var right = randn([inner, columns], generator: generator);
        var leftBFloat16 = left.to(ScalarType.BFloat16);
        var rightBFloat16 = right.to(ScalarType.BFloat16);
        double float32Seconds = double.PositiveInfinity, bfloat16Seconds = double.PositiveInfinity;
        for (int i = 0; i <= Repetitions; i++)
        {
            double float32 = Seconds(left, right), bfloat16 = Seconds(leftBFloat16, rightBFloat16);
            if (i == 0) continue; // warm-up
            float32Seconds = Math.Min(float32Seconds, float32);
            bfloat16Seconds = Math.Min(bfloat16Seconds, bfloat16);
        }
        double flops = 2.0 * rows * inner * columns;
        return new MatmulRates(flops / float32Seconds / 1e9, flops / bfloat16Seconds / 1e9);
    }

    private static double Seconds(Tensor left, Tensor right)
    {
        var clock = Stopwatch.StartNew();
        using var product = left.matmul(right);
        return clock.Elapsed.TotalSeconds;
    }
}
