using System.Diagnostics;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// Whether sharing a detector across threads survives garbage collection (docs/thread-safety.md, "Scalars and the
/// garbage collector"): for <c>--seconds</c>, <c>--prediction-threads</c> threads predict with one ResNet18 detector
/// and compare each score and map with the sequential one, while another thread trains, saves and loads detectors and
/// a third forces a full garbage collection every 20 ms, so that collections land inside native calls. A crash ends
/// the process; a mismatch is counted.
/// </summary>
public static class ConcurrencyStressBenchmark
{
    public sealed record Measurement(int PredictionThreads, double Seconds, long Predictions, long Mismatches,
        int TrainingRounds, long Collections);

    public static Func<BenchmarkResult> Prepare(BenchmarkArguments arguments)
    {
        int seconds = arguments.Int("seconds", 300);
        int threads = arguments.Int("prediction-threads", 8);
        int input = arguments.Int("input", 64);
        return () =>
        {
            var m = Measure(seconds, threads, input);
            var markdown = $"{m.PredictionThreads} threads predicting with one ResNet18 detector (input {input}) for {m.Seconds:F0} s, "
                + "beside a thread that trains, saves and loads detectors and one that forces a full collection every 20 ms.\n\n"
                + $"| predictions | mismatches | training rounds | forced collections |\n| ---: | ---: | ---: | ---: |\n"
                + $"| {m.Predictions:N0} | {m.Mismatches} | {m.TrainingRounds} | {m.Collections:N0} |\n";
            return BenchmarkRun.Result(arguments, "concurrency-stress", m, markdown);
        };
    }

    private static Measurement Measure(int seconds, int threads, int input)
    {
        using var detector = TinyDetector.Train(input, inferenceBatch: 1);
        var images = SyntheticImages.InMemory(8, 2 * input);
        var sequential = images.Select(image => detector.Predict([image])[0]).ToArray();
        var clock = Stopwatch.StartNew();
        bool Running() => clock.Elapsed.TotalSeconds < seconds;

        int rounds = 0;
        var trainer = Task.Run(() =>
        {
            for (; Running(); rounds++)
            {
                using var trained = TinyDetector.Train(input, inferenceBatch: 2);
                using var stream = new MemoryStream();
                trained.Save(stream);
                stream.Position = 0;
                using var loaded = AnomalyDetector.Load(stream, new DetectorLoadOptions { ReuseNativeMemory = BenchmarkRun.NativeHeapLimited });
                loaded.Predict(images);
            }
        });
        long collections = 0;
        var collector = Task.Run(() =>
        {
            for (; Running(); collections++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Thread.Sleep(20);
            }
        });
        long predictions = 0, mismatches = 0;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            for (int i = thread; Running(); i++)
            {
                var expected = sequential[i % images.Count];
                var prediction = detector.Predict([images[i % images.Count]])[0];
                if (BitConverter.SingleToInt32Bits(prediction.Score) != BitConverter.SingleToInt32Bits(expected.Score)
                    || !prediction.Map.AsSpan().SequenceEqual(expected.Map))
                    Interlocked.Increment(ref mismatches);
                Interlocked.Increment(ref predictions);
            }
        });
        Task.WaitAll(trainer, collector);
        return new Measurement(threads, clock.Elapsed.TotalSeconds, predictions, mismatches, rounds, collections);
    }
}
