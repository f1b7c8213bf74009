using System.Threading.Channels;
using SixLabors.ImageSharp;
using TrisimpleNet.Core.Tests.BadInput;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Core.Tests.Inputs;

/// <summary>
/// Images scored as a stream: <see cref="AnomalyDetector.PredictEach"/> (lazy, a batch at a time),
/// <see cref="AnomalyDetector.PredictAsync(IAsyncEnumerable{ImageSource}, CancellationToken)"/> (frames as they arrive)
/// and <see cref="AnomalyDetector.PredictFolderAsync"/>; each scores as <c>Predict(list)</c> does.
/// </summary>
public sealed class StreamingPredictionTests(TinyDetectorFixture fixture) : IClassFixture<TinyDetectorFixture>
{
    // Guards the waits on a channel: a broken implementation fails with a cancellation instead of hanging the run.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    private readonly AnomalyDetector _detector = fixture.Detector;

    [Fact]
    public void PredictEachScoresAsPredictDoes()
    {
        using var detector = _detector.WithInferenceBatchSize(2);
        var images = TinyDetectorFixture.Images(5, seed: 4);
        var expected = detector.Predict(images);

        var predictions = detector.PredictEach(images).ToList();

        Assert.Equal(expected.Select(p => (p.Name, p.Score)), predictions.Select(p => (p.Name, p.Score)));
        Assert.Equal(expected[4].Map, predictions[4].Map);
    }

    [Fact]
    public void PredictEachYieldsTheFirstBatchBeforeTakingMoreImages()
    {
        using var detector = _detector.WithInferenceBatchSize(2);
        int taken = 0;
        var images = TinyDetectorFixture.Images(6, seed: 4).Select(image => { taken++; return image; });

        using var predictions = detector.PredictEach(images).GetEnumerator();
        Assert.True(predictions.MoveNext());

        Assert.Equal(2, taken);
    }

    [Fact]
    public async Task AnAsyncSourceScoresAsPredictDoes()
    {
        using var detector = _detector.WithInferenceBatchSize(2);
        var images = TinyDetectorFixture.Images(5, seed: 5);
        var expected = detector.Predict(images);
        var frames = Channel.CreateUnbounded<ImageSource>();
        foreach (var image in images) frames.Writer.TryWrite(image);
        frames.Writer.Complete();

        var predictions = await ToListAsync(detector.PredictAsync(frames.Reader.ReadAllAsync()));

        Assert.Equal(expected.Select(p => (p.Name, p.Score)), predictions.Select(p => (p.Name, p.Score)));
        Assert.Equal(expected[2].Map, predictions[2].Map);
    }

    [Fact]
    public async Task AFrameIsScoredWhileTheSourceWaitsForTheNext()
    {
        using var detector = _detector.WithInferenceBatchSize(8);
        using var guard = new CancellationTokenSource(Guard);
        var images = TinyDetectorFixture.Images(2, seed: 6);
        var frames = Channel.CreateUnbounded<ImageSource>();
        await using var predictions = detector.PredictAsync(frames.Reader.ReadAllAsync(), guard.Token).GetAsyncEnumerator();

        frames.Writer.TryWrite(images[0]);
        Assert.True(await predictions.MoveNextAsync());
        Assert.Equal("image0", predictions.Current.Name);

        frames.Writer.TryWrite(images[1]);
        frames.Writer.Complete();
        Assert.True(await predictions.MoveNextAsync());
        Assert.Equal("image1", predictions.Current.Name);
        Assert.False(await predictions.MoveNextAsync());
    }

    [Fact]
    public async Task CancellingEndsAnEnumerationThatWaitsForTheSource()
    {
        using var cancellation = new CancellationTokenSource(Guard);
        var frames = Channel.CreateUnbounded<ImageSource>();
        frames.Writer.TryWrite(TinyDetectorFixture.Images(1, seed: 7)[0]);
        await using var predictions = _detector.PredictAsync(frames.Reader.ReadAllAsync(), cancellation.Token).GetAsyncEnumerator();
        Assert.True(await predictions.MoveNextAsync());

        var waiting = predictions.MoveNextAsync().AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task AFolderIsScoredFileByFileInOrdinalOrderSkippingOtherFiles()
    {
        var folder = Directory.CreateDirectory(fixture.PathFor("folder")).FullName;
        using (var image = TinyDetectorFixture.Noise(64, 64, seed: 8)) image.SaveAsPng(Path.Combine(folder, "b.png"));
        using (var image = TinyDetectorFixture.Noise(64, 64, seed: 9)) image.SaveAsJpeg(Path.Combine(folder, "a.JPG"));
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not an image");

        var predictions = await ToListAsync(_detector.PredictFolderAsync(folder));

        Assert.Equal([Path.Combine(folder, "a.JPG"), Path.Combine(folder, "b.png")], predictions.Select(p => p.Name));
        Assert.Equal(_detector.Predict([ImageSource.FromFile(Path.Combine(folder, "a.JPG")), ImageSource.FromFile(Path.Combine(folder, "b.png"))])
            .Select(p => p.Score), predictions.Select(p => p.Score));
    }

    [Fact]
    public void AMissingFolderIsRefusedBeforeEnumeration()
    {
        var folder = fixture.PathFor("missing");

        var error = Assert.Throws<DirectoryNotFoundException>(() => _detector.PredictFolderAsync(folder));

        Assert.Contains($"'{folder}'", error.Message);
    }

    private static async Task<List<AnomalyPrediction>> ToListAsync(IAsyncEnumerable<AnomalyPrediction> predictions)
    {
        var list = new List<AnomalyPrediction>();
        await foreach (var prediction in predictions) list.Add(prediction);
        return list;
    }
}
