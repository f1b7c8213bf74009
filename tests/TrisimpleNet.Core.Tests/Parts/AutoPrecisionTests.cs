namespace TrisimpleNet.Core.Tests.Parts;

public class AutoPrecisionTests
{
    [Fact]
    public void AutoChoosesBFloat16WhenItsProductsAreClearlyFaster() =>
        Assert.Equal(ComputePrecision.BFloat16, AutoPrecision.Choose(new MatmulRates(Float32Gflops: 36, BFloat16Gflops: 204)));

    [Fact]
    public void AutoChoosesFloat32WhenBFloat16ProductsAreSlower() =>
        Assert.Equal(ComputePrecision.Float32, AutoPrecision.Choose(new MatmulRates(Float32Gflops: 108, BFloat16Gflops: 0.9)));

    [Fact]
    public void AutoChoosesFloat32WhenBFloat16IsOnlyMarginallyFaster() =>
        Assert.Equal(ComputePrecision.Float32, AutoPrecision.Choose(new MatmulRates(Float32Gflops: 100, BFloat16Gflops: 110)));

    [Theory]
    [InlineData(ComputePrecision.Float32)]
    [InlineData(ComputePrecision.BFloat16)]
    public void AnExplicitPrecisionIsKept(ComputePrecision precision) =>
        Assert.Equal(precision, AutoPrecision.Resolve(precision));

    [Fact]
    public void AutoIsTheDefault() => Assert.Equal(ComputePrecision.Auto, new TrisimpleNetOptions().Precision);

    [Fact]
    public void TheProbeOnThisCpuMeasuresPositiveRatesOnce()
    {
        var rates = AutoPrecision.CpuRates;
        Assert.True(double.IsFinite(rates.Float32Gflops) && rates.Float32Gflops > 0, $"float32 rate {rates.Float32Gflops}");
        Assert.True(double.IsFinite(rates.BFloat16Gflops) && rates.BFloat16Gflops > 0, $"bfloat16 rate {rates.BFloat16Gflops}");
        Assert.Same(rates, AutoPrecision.CpuRates);
    }

    [Theory]
    [InlineData("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512_bf16 amx_tile\n", ComputePrecision.BFloat16)]
    [InlineData("flags\t\t: fpu sse2 avx2 amx_bf16 amx_tile\n", ComputePrecision.BFloat16)]
    [InlineData("processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512_vnni\n", ComputePrecision.Float32)]
    public void CpuFlagsDecideWhereTheSystemListsThem(string cpuInfo, ComputePrecision expected) =>
        Assert.Equal(expected, AutoPrecision.FromCpuFlags(cpuInfo));

    [Fact]
    public void WithoutAFlagsLineTheMeasuredRatesDecide() =>
        Assert.Null(AutoPrecision.FromCpuFlags("processor\t: 0\nFeatures\t: fp asimd bf16\n"));

    [Fact]
    public void AutoOnThisMachineFollowsItsCpuFlagsWhateverTheLoad()
    {
        var expected = File.Exists("/proc/cpuinfo")
            ? AutoPrecision.FromCpuFlags(File.ReadAllText("/proc/cpuinfo")) ?? AutoPrecision.Choose(AutoPrecision.CpuRates)
            : AutoPrecision.Choose(AutoPrecision.CpuRates);
        Assert.Equal(expected, AutoPrecision.Resolve(ComputePrecision.Auto));
    }
}
