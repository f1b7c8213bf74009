using TrisimpleNet.Scoring;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace TrisimpleNet.Core.Tests.Parts;

public class ScoringTests
{
    [Fact]
    public void GaussianKernelMatchesScipyRadiusAndSumsToOne()
    {
        var kernel = GaussianSmoothing.Kernel(4);
        Assert.Equal(33, kernel.Length); // radius (int)(4 * 4 + 0.5) = 16
        Assert.Equal(1.0, kernel.Sum(), 6);
        Assert.Equal(kernel[0], kernel[32]);
        Assert.Equal(Math.Exp(-0.5), kernel[16 + 4] / kernel[16], 6);
    }

    [Fact]
    public void SmoothingEqualsScipyGaussianFilterWithReflectBorders()
    {
        // numpy/scipy: a = zeros((5, 7)); a[0, 1] = 1; a[3, 6] = 2; gaussian_filter(a, sigma=1.0)
        var expected = new double[,]
        {
            { 1.89686827e-01, 2.58529266e-01, 1.55170105e-01, 3.46454099e-02, 3.37392900e-03, 2.78832210e-03, 5.85244050e-03 },
            { 8.75938447e-02, 1.19384001e-01, 7.16685519e-02, 1.64723667e-02, 7.62031130e-03, 3.19983148e-02, 6.92074377e-02 },
            { 1.72910182e-02, 2.35663925e-02, 1.42093161e-02, 5.36507940e-03, 2.85479504e-02, 1.43316020e-01, 3.10337765e-01 },
            { 1.35127400e-03, 1.84168760e-03, 1.21334610e-03, 3.92988210e-03, 4.71530196e-02, 2.38768613e-01, 5.17058532e-01 },
            { 3.96089000e-05, 5.39840000e-05, 1.11618800e-04, 2.70977370e-03, 3.45826294e-02, 1.75187707e-01, 3.79373655e-01 },
        };
        using var image = zeros(1, 5, 7);
        image[0, 0, 1] = tensor(1f);
        image[0, 3, 6] = tensor(2f);
        using var smoothed = new GaussianSmoothing(1.0).Apply(image);
        var actual = smoothed.data<float>().ToArray();
        for (int y = 0; y < 5; y++)
            for (int x = 0; x < 7; x++)
                Assert.Equal(expected[y, x], actual[y * 7 + x], 6);
    }

    [Fact]
    public void ImageScoreIsTheLargestPatchScoreBeforeSmoothing()
    {
        using var patches = tensor(new float[] { 0.1f, 0.9f, -0.2f, 0.3f, 5f, 0f, 0f, 0f }).reshape(2, 2, 2);
        var (imageScores, maps) = new MaxScorer(4).Score(patches, 16, 16);
        using (imageScores)
        using (maps)
        {
            Assert.Equal(new float[] { 0.9f, 5f }, imageScores.data<float>().ToArray());
            Assert.Equal(new long[] { 2, 16, 16 }, maps.shape);
            Assert.True(maps[1].max().item<float>() < 5f);
        }
    }

    [Fact]
    public void ConstantPatchScoresGiveAConstantMap()
    {
        using var patches = full(1, 3, 3, 0.25f);
        var (imageScores, maps) = new MaxScorer(4).Score(patches, 24, 40);
        using (imageScores)
        using (maps)
        {
            Assert.Equal(0.25f, maps.min().item<float>(), 5);
            Assert.Equal(0.25f, maps.max().item<float>(), 5);
            Assert.Equal(new long[] { 1, 24, 40 }, maps.shape);
        }
    }

    [Theory]
    [InlineData(5, 7, 24, 40, 4.0)]
    [InlineData(36, 36, 288, 288, 4.0)]
    [InlineData(16, 40, 128, 320, 2.5)]
    [InlineData(3, 2, 50, 9, 1.0)]
    public void MapsEqualBilinearUpsamplingThenSmoothing(int gridHeight, int gridWidth, int height, int width, double sigma)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11, CPU);
        var patchScores = randn([3, gridHeight, gridWidth], generator: generator);
        var scorer = new MaxScorer(sigma);
        var upsampled = interpolate(patchScores.unsqueeze(1), [height, width], mode: InterpolationMode.Bilinear, align_corners: false);
        var expected = scorer.Smoothing.Apply(upsampled.squeeze(1));

        var (_, maps) = scorer.Score(patchScores, height, width);

        Assert.Equal(expected.shape, maps.shape);
        Assert.True(maps.allclose(expected, rtol: 0, atol: 1e-5), $"largest difference {(maps - expected).abs().max().item<float>()}");
    }
}
