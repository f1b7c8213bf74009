using SixLabors.ImageSharp;
using Xunit.Abstractions;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>
/// Seeded mutations of real PNG files and of a JPEG encoded from one: each file either scores (a finite score) or is
/// refused with an <see cref="InvalidDataException"/> naming it. None crashes the process or hangs: each case runs
/// under a generous per-case bound, a hang guard and not a timing assertion.
/// </summary>
public sealed class ImageFuzzTests(TinyDetectorFixture fixture, ITestOutputHelper output) : IClassFixture<TinyDetectorFixture>
{
    private const int CasesPerSource = 100;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public void EveryMutationScoresOrIsRefusedWithTheDocumentedException()
    {
        var sources = new Dictionary<string, byte[]>
        {
            ["good.png"] = File.ReadAllBytes(SharedTestData.File("kolektor-sdd/train/good/000.png")),
            ["crack.png"] = File.ReadAllBytes(SharedTestData.File("kolektor-sdd/test/crack/" + FirstCrack())),
        };
        using (var image = Image.Load(sources["good.png"]))
        using (var jpeg = new MemoryStream())
        {
            image.SaveAsJpeg(jpeg);
            sources["good.jpg"] = jpeg.ToArray();
        }

        var problems = new List<string>();
        var outcomes = new Dictionary<string, int>();
        foreach (var (name, original) in sources)
        {
            for (int seed = 0; seed < CasesPerSource; seed++)
            {
                var (mutation, bytes) = Mutate(original, new Random(seed), name.EndsWith(".png"));
                var path = Path.Combine(fixture.Folder, $"fuzz-{seed:000}-{mutation}-{name}");
                File.WriteAllBytes(path, bytes);
                var outcome = Run(path, out var problem);
                outcomes[$"{Path.GetExtension(name)} {mutation}: {outcome}"] = outcomes.GetValueOrDefault($"{Path.GetExtension(name)} {mutation}: {outcome}") + 1;
                if (problem is not null) problems.Add($"{Path.GetFileName(path)}: {problem}");
                File.Delete(path);
            }
        }

        foreach (var (outcome, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
            output.WriteLine($"{outcome} x {count}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(outcomes.Keys, key => key.EndsWith("refused", StringComparison.Ordinal));
    }

    private string Run(string path, out string? problem)
    {
        problem = null;
        var prediction = Task.Run(() => fixture.Detector.Predict(path));
        try
        {
            if (!prediction.Wait(HangGuard))
            {
                problem = $"no answer within {HangGuard.TotalSeconds} s";
                return "hung";
            }
            if (!float.IsFinite(prediction.Result.Score))
                problem = $"score {prediction.Result.Score}";
            return "scored";
        }
        catch (AggregateException wrapped) when (wrapped.InnerException is InvalidDataException refusal && refusal.Message.Contains(path))
        {
            return "refused";
        }
        catch (AggregateException wrapped)
        {
            problem = $"{wrapped.InnerException!.GetType().Name}: {wrapped.InnerException.Message}";
            return "failed";
        }
    }

    /// <summary>
    /// One of these mutations: flipped bytes, a truncation, an inserted run of random bytes, a run of bytes
    /// overwritten, and for PNG also bytes flipped inside a chunk whose CRC is then fixed (PNG's CRCs catch the others).
    /// </summary>
    private static (string Name, byte[] Bytes) Mutate(byte[] original, Random random, bool isPng)
    {
        switch (random.Next(isPng ? 5 : 4))
        {
            case 4:
                return ("chunkflip", CraftedPng.FlipInsideAChunk(original, random));
            case 0:
                var flipped = (byte[])original.Clone();
                int flips = 1 + random.Next(8);
                for (int i = 0; i < flips; i++)
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 + random.Next(255));
                return ($"flip{flips}", flipped);
            case 1:
                return ("truncate", original[..random.Next(original.Length)]);
            case 2:
                var chunk = new byte[1 + random.Next(64)];
                random.NextBytes(chunk);
                int at = random.Next(original.Length);
                return ("insert", [.. original.AsSpan(0, at), .. chunk, .. original.AsSpan(at)]);
            default:
                var overwritten = (byte[])original.Clone();
                int start = random.Next(overwritten.Length), length = Math.Min(1 + random.Next(256), overwritten.Length - start);
                overwritten.AsSpan(start, length).Fill(random.Next(2) == 0 ? (byte)0 : (byte)0xFF);
                return ("overwrite", overwritten);
        }
    }

    private static string FirstCrack() =>
        Path.GetFileName(Directory.GetFiles(SharedTestData.Folder("kolektor-sdd/test/crack")).Order(StringComparer.Ordinal).First());
}
