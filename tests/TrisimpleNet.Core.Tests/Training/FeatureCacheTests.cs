using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Features;
using TrisimpleNet.Imaging;
using TrisimpleNet.Training;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Training;

public class FeatureCacheTests
{
    [Fact]
    public void SpreadIsTheMeanOfThePerDimensionSampleDeviations()
    {
        // dimension 0 takes 1, 3, 1, 3 (sample std 2 / sqrt(3)); dimension 1 is constant (std 0).
        var features = tensor(new float[] { 1, 5, 3, 5, 1, 5, 3, 5 }).reshape(2, 1, 2, 2);
        using var cache = new FeatureCache(features);
        Assert.Equal(1 / Math.Sqrt(3), cache.MeasureSpread(), 12);
    }

    [Fact]
    public void RowsReturnTheChosenImagesInTheCacheType()
    {
        var features = arange(24, dtype: ScalarType.Float32).reshape(3, 2, 2, 2).to(ScalarType.BFloat16);
        using var cache = new FeatureCache(features);
        using var rows = cache.Rows(tensor(new long[] { 2 }));
        Assert.Equal(ScalarType.BFloat16, rows.dtype);
        Assert.Equal(new float[] { 16, 17, 18, 19, 20, 21, 22, 23 }, rows.to(ScalarType.Float32).data<float>().ToArray());
        Assert.Equal(4 * 2 * 2, cache.BytesPerImage);
    }

    [Fact]
    public void ABFloat16CacheTakesHalfTheBytesOfAFloat32One()
    {
        using var float32 = CacheOfTwoImages(ComputePrecision.Float32);
        using var bfloat16 = CacheOfTwoImages(ComputePrecision.BFloat16);
        Assert.Equal(float32.BytesPerImage / 2, bfloat16.BytesPerImage);
    }

    [Fact]
    public void AutoStoresBFloat16WhereThisCpuMultipliesInBFloat16AndFloat32Elsewhere()
    {
        using var float32 = CacheOfTwoImages(ComputePrecision.Float32);
        using var auto = CacheOfTwoImages(ComputePrecision.Auto);
        long expected = AutoPrecision.Cpu == ComputePrecision.BFloat16 ? float32.BytesPerImage / 2 : float32.BytesPerImage;
        Assert.Equal(expected, auto.BytesPerImage);
    }

    private static FeatureCache CacheOfTwoImages(ComputePrecision precision)
    {
        using var backbone = new TinyBackbone();
        var extractor = new FeatureExtractor(ImagePreprocessor.ResizeWhole(32, 32), backbone, new SpatialAverageAggregator(patchSize: 3, outputWidth: 16), CPU);
        var options = new TrisimpleNetOptions { FeatureCachePrecision = precision };
        var images = Enumerable.Range(0, 2).Select(i => ImageSource.FromImage($"grey-{i}", new Image<Rgb24>(32, 32, new Rgb24(100, 100, 100)))).ToList();
        return AnomalyDetectorBuilder.BuildCache(extractor, images, options, progress: null, CancellationToken.None);
    }
}
