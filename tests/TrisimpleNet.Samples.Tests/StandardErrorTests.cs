namespace TrisimpleNet.Samples.Tests;

/// <summary>A prediction prints nothing to stderr, native libtorch's writes included (docs/platforms.md, NNPACK).</summary>
public sealed class StandardErrorTests(TrainedTinyModel model) : TemporaryFolderTest, IClassFixture<TrainedTinyModel>
{
    [Fact]
    public void InspectingOneSmallImageWritesNothingToStandardError()
    {
        // One 64 x 64 image: a batch of one whose deep feature maps are so small that oneDNN declines their
        // convolutions, so libtorch asks NNPACK, which prints a warning per convolution on CPUs it does not support.
        var image = Directory.GetFiles(Path.Combine(model.CategoryFolder, "test", "good"), "*.png")[0];

        var (exitCode, output, errors) = SampleProcess.Run("TrisimpleNet.Inspect",
            "--model", model.ModelPath, "--input", image, "--output", Path.Combine(Folder, "inspect"), "--no-panels");

        Assert.True(exitCode == 0, output + errors);
        Assert.StartsWith("1 images scored", output);
        Assert.Equal("", errors);
    }
}
