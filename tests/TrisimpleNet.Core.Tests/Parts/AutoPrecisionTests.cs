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
    public void TheProbeOnThisCpuMeasuresPositiveRatesAndResolvesAutoFromThem()
    {
        var rates = AutoPrecision.CpuRates;
        Assert.True(double.IsFinite(rates.Float32Gflops) && rates.Float32Gflops > 0, $"float32 rate {rates.Float32Gflops}");
        Assert.True(double.IsFinite(rates.BFloat16Gflops) && rates.BFloat16Gflops > 0, $"bfloat16 rate {rates.BFloat16Gflops}");
        Assert.Equal(AutoPrecision.Choose(rates), AutoPrecision.Resolve(ComputePrecision.Auto));
        Assert.Same(rates, AutoPrecision.CpuRates);
        // bfloat16 products were 5x faster than float32 on such a CPU even with other jobs sharing it (docs/performance.md).
        if (File.Exists("/proc/cpuinfo") && File.ReadAllText("/proc/cpuinfo").Contains("avx512_bf16"))
            Assert.Equal(ComputePrecision.BFloat16, AutoPrecision.Resolve(ComputePrecision.Auto));
    }
}
