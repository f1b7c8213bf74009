using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Core.Tests.Sharing;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Core.Tests.Inputs;

public class WholeImageSizeTests
{
    [Fact]
    public void KolektorsAspectAtThePresetsPixelsGivesTheSizeItsValidationChose() =>
        Assert.Equal((456, 184), WholeImageSize.For(288 * 288, 630 / 250.0));

    [Fact]
    public void SquareImagesGiveTheCropsSizeWithoutTheCrop() =>
        Assert.Equal((288, 288), WholeImageSize.For(288 * 288, 1.0));

    [Theory]
    [InlineData(0.75)]
    [InlineData(1.0 / 3)]
    [InlineData(100.0)]
    public void SidesAreMultiplesOfEightAndAtLeast32(double aspectRatio)
    {
        var (height, width) = WholeImageSize.For(288 * 288, aspectRatio);
        Assert.True(height % 8 == 0 && width % 8 == 0 && height >= 32 && width >= 32, $"{height} x {width}");
        if (aspectRatio <= 3) Assert.InRange((double)height * width / (288 * 288), 0.9, 1.1);
        Assert.Equal(aspectRatio > 1, height > width);
    }

    [Fact]
    public void TheMedianAspectRatioIgnoresAnOddImage()
    {
        var images = Enumerable.Range(0, 4).Select(i => Blank($"long{i}", width: 100, height: 250))
            .Append(Blank("wide", width: 300, height: 100)).ToList();
        Assert.Equal(2.5, WholeImageSize.MedianAspectRatio(images));
    }

    [Fact]
    public void ResolveChoosesTheSizeOnlyWhenInputPixelsIsSetAndNoSizeIsGiven()
    {
        var images = new[] { Blank("long", width: 100, height: 250) };
        var preset = TrisimpleNetOptions.ResNet18();
        var resolved = WholeImageSize.Resolve(preset, images);
        Assert.Equal((456, 184), (resolved.InputHeight, resolved.InputWidth));
        Assert.Null(preset.InputHeight);

        preset.InputHeight = 64;
        preset.InputWidth = 32;
        Assert.Same(preset, WholeImageSize.Resolve(preset, images));
        var cropping = TrisimpleNetOptions.SimpleNet("unused.pth");
        Assert.Same(cropping, WholeImageSize.Resolve(cropping, images));
    }

    [Fact]
    public void TrainingRecordsTheChosenSizeAndTheSavedDetectorKeepsIt()
    {
        var options = TinyDetectors.Options();
        options.InputPixels = 64 * 64;
        // InputPixels replaces the tiny options' 64 / 64 crop, which the validator refuses to ignore silently.
        options.Resize = new TrisimpleNetOptions().Resize;
        options.CropSize = new TrisimpleNetOptions().CropSize;
        var images = Enumerable.Range(0, 4).Select(i => ImageSource.FromFactory($"long{i}", () => TinyDetectors.Noise(64, 160, i))).ToList();
        using var detector = new AnomalyDetectorBuilder(options).WithBackbone(new TinyBackbone()).Train(images);
        Assert.Equal((104, 40), (detector.Options.InputHeight, detector.Options.InputWidth));
        var prediction = detector.Predict([images[0]])[0];
        Assert.Equal((104, 40), (prediction.Height, prediction.Width));

        var path = Path.Combine(Directory.CreateTempSubdirectory("trisimplenet-whole-").FullName, "model.tsn");
        try
        {
            detector.Save(path);
            using var loaded = TinyDetectors.Load(path);
            Assert.Equal((104, 40), (loaded.Preprocessor.Height, loaded.Preprocessor.Width));
            Assert.Equal(prediction.Map, loaded.Predict([images[0]])[0].Map);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void APreprocessorOfUnresolvedOptionsIsRefusedNamingInputPixels()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ImagePreprocessor.FromOptions(TrisimpleNetOptions.ResNet18()));
        Assert.Contains("InputPixels", error.Message);
    }

    [Fact]
    public void CropSettingsThatInputPixelsWouldIgnoreAreRefused()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.CropSize = 224;
        var error = Assert.Throws<OptionsValidationException>(() => TrisimpleNetOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains("InputPixels", error.Message);
        options.InputPixels = null;
        TrisimpleNetOptionsValidator.ThrowIfInvalid(options);
    }

    [Fact]
    public void TooFewInputPixelsAreRefused()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.InputPixels = 500;
        var error = Assert.Throws<OptionsValidationException>(() => TrisimpleNetOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains("InputPixels is 500", error.Message);
    }

    private static ImageSource Blank(string name, int width, int height) =>
        ImageSource.FromFactory(name, () => new Image<Rgb24>(width, height));
}
