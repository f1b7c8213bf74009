using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using TrisimpleNet.Backbones;
using Xunit.Abstractions;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace TrisimpleNet.Core.Tests.Backbones;

/// <summary>The imported ResNet18 computes what the original ResNet18.onnx computes in ONNX Runtime.</summary>
public sealed class OnnxResNet18ParityTests(OnnxResNet18ParityTests.Models models, ITestOutputHelper output)
    : IClassFixture<OnnxResNet18ParityTests.Models>
{
    private const double Tolerance = 1e-4;
    private const string InputNode = "Input247";
    // Outputs of the last ReLU of stages 2, 3 and 4 (layer2: 128 x 36 x 36, layer3: 256 x 18 x 18 at 288 x 288).
    private static readonly string[] LayerNodes = ["ReLU315_Output_0", "ReLU347_Output_0", "ReLU393_Output_0"];

    /// <summary>The imported backbone and an ONNX Runtime session of the original file, loaded once for all tests.</summary>
    public sealed class Models : IDisposable
    {
        public Models()
        {
            Backbone = (ResNetBackbone)TrisimpleNet.Backbones.Backbone.ResNet18Onnx(["layer2", "layer3", "layer4"]);
            var onnxDirectory = Path.Combine(AppContext.BaseDirectory, "DnnImageModels");
            var model = File.ReadAllBytes(Path.Combine(onnxDirectory, "ResNet18Onnx", "ResNet18.onnx"));
            Network = new InferenceSession(OnnxModelEditing.WithAnySizeInputAndOutputs(model, InputNode, LayerNodes));
            Preprocess = new InferenceSession(Path.Combine(onnxDirectory, "ResNetPrepOnnx", "ResNetPreprocess.onnx"));
        }

        internal ResNetBackbone Backbone { get; }
        public InferenceSession Network { get; }
        public InferenceSession Preprocess { get; }

        public void Dispose()
        {
            Backbone.Dispose();
            Network.Dispose();
            Preprocess.Dispose();
        }
    }

    [SkippableFact]
    public void MeanImageNormalizationMatchesResNetPreprocessOnnxAt224()
    {
        using var scope = NewDisposeScope();
        var rgb = TestImages.Load(SharedTestData.File("textures/brick.png"), 224, 224);
        var expected = Run(models.Preprocess, "OriginalInput", rgb * 255, ["PreprocessedInput"])[0];

        var normalized = models.Backbone.Normalize(rgb);

        Assert.True(TestImages.MaxRelativeDifference(normalized, expected) < 1e-6);
    }

    [SkippableTheory]
    [InlineData(224, 224)]
    [InlineData(288, 288)]
    [InlineData(289, 321)]
    public void LayersAndPooledFeaturesMatchOnnxRuntime(int height, int width)
    {
        using var scope = NewDisposeScope();
        var rgb = TestImages.Load(SharedTestData.File("textures/brick.png"), height, width);
        var expected = Run(models.Network, InputNode, models.Backbone.Normalize(rgb), LayerNodes);

        var actual = models.Backbone.Extract(rgb);

        for (var layer = 0; layer < 3; layer++)
            Assert.Equal(expected[layer].shape, actual[layer].shape);
        var layer2 = TestImages.MaxRelativeDifference(actual[0], expected[0]);
        var layer3 = TestImages.MaxRelativeDifference(actual[1], expected[1]);
        var pooled = TestImages.MaxRelativeDifference(actual[2].mean([2, 3]), expected[2].mean([2, 3]));
        output.WriteLine($"{height}x{width}: max relative difference layer2 {layer2:E2}, layer3 {layer3:E2}, pooled {pooled:E2}");
        Assert.True(layer2 < Tolerance, $"layer2 differs by {layer2:E2}");
        Assert.True(layer3 < Tolerance, $"layer3 differs by {layer3:E2}");
        Assert.True(pooled < Tolerance, $"pooled layer4 differs by {pooled:E2}");
    }

    [SkippableFact]
    public void OddInputSizesFollowTheOnnxAsymmetricStemPadding()
    {
        using var scope = NewDisposeScope();
        var rgb = TestImages.Load(SharedTestData.File("textures/brick.png"), 289, 321);

        var layers = models.Backbone.Extract(rgb);

        // Stem conv (pads 3 before, 2 after) 289 -> 144, 321 -> 160, where torchvision's padding gives 145 and 161.
        Assert.Equal(new long[] { 1, 128, 36, 40 }, layers[0].shape);
        Assert.Equal(new long[] { 1, 256, 18, 20 }, layers[1].shape);
    }

    [SkippableFact]
    public void SizesWhereTheOnnxGraphFailsStillGiveConsistentMaps()
    {
        using var scope = NewDisposeScope();
        var rgb = TestImages.Load(SharedTestData.File("textures/brick.png"), 250, 333);

        var layers = models.Backbone.Extract(rgb);

        // ONNX Runtime rejects this size (layer2's 3x3 conv gives 41 columns, its 1x1 shortcut 42); the module gives
        // 125 x 166 after the stem, 62 x 83 after the max pool, then halves rounding up like torchvision.
        Assert.Equal(new long[] { 1, 128, 31, 42 }, layers[0].shape);
        Assert.Equal(new long[] { 1, 256, 16, 21 }, layers[1].shape);
        Assert.Throws<OnnxRuntimeException>(() => Run(models.Network, InputNode, models.Backbone.Normalize(rgb), LayerNodes));
    }

    private static Tensor[] Run(InferenceSession session, string inputName, Tensor input, IReadOnlyList<string> outputNames)
    {
        var inputTensor = new DenseTensor<float>(input.contiguous().data<float>().ToArray(), input.shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, inputTensor)], outputNames);
        return results.Select(r =>
        {
            var values = r.AsTensor<float>();
            return tensor(values.ToArray(), values.Dimensions.ToArray().Select(d => (long)d).ToArray());
        }).ToArray();
    }
}
