namespace TrisimpleNet.Benchmarks;

/// <summary>
/// A detector with the real ResNet18 ONNX backbone and the preset's parts at a given input size, trained for one
/// epoch on a few synthetic images: its scores mean nothing, its timing is the real one.
/// </summary>
public static class TinyDetector
{
    private const int TrainingImages = 4;

    /// <summary>The ResNet18 preset at <paramref name="input"/> x <paramref name="input"/>, by the paper's resize and crop (ratio 329 / 288).</summary>
    public static TrisimpleNetOptions Options(int input)
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.CropSize = input;
        options.Resize = (int)Math.Round(input * 329.0 / 288);
        options.InputPixels = null;
        options.LimitNativeHeapGrowth = BenchmarkRun.NativeHeapLimited;
        options.ReuseNativeMemory = BenchmarkRun.NativeHeapLimited;
        return options;
    }

    /// <summary>Trained with the preset's pairs unless <paramref name="pairs"/> is given.</summary>
    public static AnomalyDetector Train(int input, int inferenceBatch, int? discriminatorHidden = null, int? pairs = null)
    {
        var options = Options(input);
        if (discriminatorHidden is int hidden) options.DiscriminatorHiddenWidth = hidden;
        if (pairs is not null) options.EnsembleSize = pairs;
        options.Epochs = 1;
        options.InferenceBatchSize = inferenceBatch;
        return new AnomalyDetectorBuilder(options).Train(SyntheticImages.InMemory(TrainingImages, options.Resize));
    }
}
