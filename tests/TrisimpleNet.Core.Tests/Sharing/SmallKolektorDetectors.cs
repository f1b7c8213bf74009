using TrisimpleNet.Imaging;

namespace TrisimpleNet.Core.Tests.Sharing;

/// <summary>The packaged ResNet18 preset made small (64 x 32 input, hidden width 64, 1 epoch) on the first KolektorSDD training images.</summary>
internal static class SmallKolektorDetectors
{
    public static TrisimpleNetOptions Options()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.InputHeight = 64;
        options.InputWidth = 32;
        options.DiscriminatorHiddenWidth = 64;
        options.Epochs = 1;
        return options;
    }

    /// <summary>The first <paramref name="count"/> of train/good in file-name order; skips the test when ../shared/data is missing.</summary>
    public static List<ImageSource> TrainingImages(int count) =>
        Directory.GetFiles(Path.Combine(SharedTestData.Folder("kolektor-sdd"), "train", "good")).Order().Take(count).Select(ImageSource.FromFile).ToList();
}
