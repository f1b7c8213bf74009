using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Onnx.Tests;

/// <summary>TrisimpleNet.Onnx preprocesses images as TrisimpleNet.Core's ImagePreprocessor does, without TorchSharp.</summary>
public sealed class ImageGeometryTests
{
    public static TheoryData<int?, int, int> Geometries => new()
    {
        { 72, 64, 64 },     // shorter side to 72, centre crop 64
        { null, 100, 68 },  // whole image to 100 x 68
    };

    [SkippableTheory]
    [MemberData(nameof(Geometries))]
    public void PixelsEqualThePreprocessorsTensor(int? resize, int height, int width)
    {
        var path = SharedTestData.KolektorImages("test/crack", 1)[0];
        var preprocessor = resize is int side ? ImagePreprocessor.ResizeAndCenterCrop(side, height) : ImagePreprocessor.ResizeWhole(height, width);
        using var expected = preprocessor.ToTensor([ImageSource.FromFile(path)]);

        var actual = new float[3 * height * width];
        using (var image = Image.Load<Rgb24>(path))
            new ImageGeometry(resize, height, width).WriteTensor(image, actual);

        Assert.Equal(expected.data<float>().ToArray(), actual, (a, b) => Math.Abs(a - b) <= 1e-6f);
    }
}
