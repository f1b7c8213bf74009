using SixLabors.ImageSharp;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Core.Tests.Sharing;

/// <summary>One detector called from many threads gives exactly what sequential calls give.</summary>
public sealed class ConcurrentPredictionTests
{
    private const int Threads = 8;
    private const int PredictionsPerThread = 200;

    [SkippableFact]
    public void EightThreadsGiveTheSequentialScoresAndMapsBitForBit()
    {
        string root = SharedTestData.Folder("kolektor-sdd");
        using var detector = new AnomalyDetectorBuilder(SmallKolektorDetectors.Options()).Train(SmallKolektorDetectors.TrainingImages(8));
        // Decoded once, so the threads spend their time in the detector rather than in the PNG decoder.
        var images = Directory.GetFiles(Path.Combine(root, "test", "good")).Order().Take(4)
            .Concat(Directory.GetFiles(Path.Combine(root, "test", "crack")).Order().Take(4))
            .Select(path => ImageSource.FromImage(path, Image.Load(path))).ToArray();
        var sequential = images.Select(image => detector.Predict([image])[0]).ToArray();

        var mismatches = new int[Threads];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, thread =>
        {
            for (int i = 0; i < PredictionsPerThread; i++)
            {
                int index = (thread + i) % images.Length;
                var prediction = detector.Predict([images[index]])[0];
                if (BitConverter.SingleToInt32Bits(prediction.Score) != BitConverter.SingleToInt32Bits(sequential[index].Score)
                    || !prediction.Map.AsSpan().SequenceEqual(sequential[index].Map))
                    mismatches[thread]++;
            }
        });

        Assert.Equal(new int[Threads], mismatches);
    }
}
