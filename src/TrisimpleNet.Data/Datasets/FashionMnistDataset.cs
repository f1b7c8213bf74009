using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Data.Datasets;

/// <summary>
/// The one-class protocol on Fashion-MNIST: the training images of one class are the normal training set; all 10,000 test
/// images are scored, that class normal and the other nine anomalous. Image-level labels only. Images are 28x28 gray,
/// decoded on demand from the idx files held once in memory.
/// </summary>
public static class FashionMnistDataset
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the idx files.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The 60,000 training images, named as published.</summary>
    public const string TrainImagesFile = "train-images-idx3-ubyte.gz";

    /// <summary>The labels of the training images.</summary>
    public const string TrainLabelsFile = "train-labels-idx1-ubyte.gz";

    /// <summary>The 10,000 test images.</summary>
    public const string TestImagesFile = "t10k-images-idx3-ubyte.gz";

    /// <summary>The labels of the test images.</summary>
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte.gz";

    /// <summary>The ten class names by label, used as the defect type of anomalous test samples.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["t-shirt_top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle_boot"];

    /// <summary>The dataset named <c>fashion-mnist-&lt;normalClass&gt;</c> with class <paramref name="normalClass"/> (0-9) normal.</summary>
    /// <exception cref="FileNotFoundException">An idx file is missing (install it with <c>apt-get install dataset-fashion-mnist</c>).</exception>
    /// <exception cref="InvalidDataException">An idx file has a wrong magic number, size or label.</exception>
    public static AnomalyDataset Load(int normalClass, string folder = DefaultFolder)
    {
        CheckClass(normalClass);
        return Split.Read(folder).ForNormalClass(normalClass);
    }

    /// <summary>The ten one-class datasets, classes 0-9, reading the idx files once.</summary>
    public static IReadOnlyList<AnomalyDataset> LoadAllClasses(string folder = DefaultFolder)
    {
        var split = Split.Read(folder);
        return Enumerable.Range(0, ClassNames.Count).Select(split.ForNormalClass).ToArray();
    }

    private static void CheckClass(int normalClass)
    {
        if (normalClass < 0 || normalClass >= ClassNames.Count)
            throw new ArgumentOutOfRangeException(nameof(normalClass), normalClass,
                $"Fashion-MNIST classes are 0-{ClassNames.Count - 1}: {string.Join(", ", ClassNames)}.");
    }

    /// <summary>The labelled images of one idx image file and its label file.</summary>
    private sealed class LabelledImages(IdxFile images, IdxFile labels)
    {
        public int Count => labels.Data.Length;

        public int Label(int index) => labels.Data[index];

        public static LabelledImages Read(string imagesPath, string labelsPath)
        {
            var images = IdxFile.Read(imagesPath, dimensionCount: 3);
            var labels = IdxFile.Read(labelsPath, dimensionCount: 1);
            if (images.Shape[0] != labels.Shape[0])
                throw new InvalidDataException(
                    $"idx file '{imagesPath}' holds {images.Shape[0]} images but '{labelsPath}' holds {labels.Shape[0]} labels.");
            var badLabel = Array.FindIndex(labels.Data, label => label >= ClassNames.Count);
            if (badLabel >= 0)
                throw new InvalidDataException(
                    $"idx file '{labelsPath}' has label {labels.Data[badLabel]} at index {badLabel}; labels are 0-{ClassNames.Count - 1}.");
            return new LabelledImages(images, labels);
        }

        /// <summary>Image <paramref name="index"/> as a source that decodes from the shared byte array.</summary>
        public ImageSource Image(int index)
        {
            var (height, width) = (images.Shape[1], images.Shape[2]);
            var offset = index * height * width;
            return ImageSource.FromFactory($"{images.Path}#{index}", () =>
            {
                using var gray = SixLabors.ImageSharp.Image.LoadPixelData<L8>(images.Data.AsSpan(offset, height * width), width, height);
                return gray.CloneAs<Rgb24>();
            });
        }
    }

    /// <summary>The training and test halves of Fashion-MNIST.</summary>
    private sealed class Split(LabelledImages train, LabelledImages test)
    {
        public static Split Read(string folder)
        {
            if (!Directory.Exists(folder))
                throw new DirectoryNotFoundException(
                    $"Fashion-MNIST folder '{folder}' does not exist; install it with 'apt-get install dataset-fashion-mnist'.");
            return new Split(
                LabelledImages.Read(Path.Combine(folder, TrainImagesFile), Path.Combine(folder, TrainLabelsFile)),
                LabelledImages.Read(Path.Combine(folder, TestImagesFile), Path.Combine(folder, TestLabelsFile)));
        }

        public AnomalyDataset ForNormalClass(int normalClass)
        {
            var trainImages = Enumerable.Range(0, train.Count)
                .Where(index => train.Label(index) == normalClass)
                .Select(train.Image)
                .ToArray();
            var testSamples = Enumerable.Range(0, test.Count)
                .Select(index => test.Label(index) == normalClass
                    ? TestSample.Normal(test.Image(index))
                    : TestSample.Anomalous(test.Image(index), ClassNames[test.Label(index)]))
                .ToArray();
            return new AnomalyDataset($"fashion-mnist-{normalClass}", trainImages, testSamples);
        }
    }
}
