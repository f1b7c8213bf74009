using System.Text.RegularExpressions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Packaging.Tests;

/// <summary>
/// What a user does with the packages: a new console application referencing TrisimpleNet.Core (and TorchSharp-cpu)
/// by version trains on tiny images, predicts, saves, loads and exports ONNX; a second one referencing only
/// TrisimpleNet.Onnx scores the same image with the exported model; a third referencing only TrisimpleNet.Data computes
/// a metric. Built and run once, on first use.
/// </summary>
public sealed class ConsumerApplications
{
    private static readonly TimeSpan BuildTimeLimit = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan RunTimeLimit = TimeSpan.FromMinutes(10);
    private readonly object _gate = new();
    private Lazy<ConsumerRuns>? _runs;

    public ConsumerRuns For(PackedRelease release)
    {
        lock (_gate)
            return (_runs ??= new Lazy<ConsumerRuns>(() => BuildAndRun(release))).Value;
    }

    private static ConsumerRuns BuildAndRun(PackedRelease release)
    {
        var root = Path.Combine(release.Folder, "consumers");
        Directory.CreateDirectory(root);
        release.WriteNuGetConfig(root);
        var good = Path.Combine(root, "good");
        Directory.CreateDirectory(good);
        for (int i = 0; i < 5; i++)
            WriteImage(Path.Combine(good, $"{i}.png"), seed: i, defect: false);
        var testImage = Path.Combine(root, "test.png");
        WriteImage(testImage, seed: 10, defect: true);
        var detectorPath = Path.Combine(root, "detector.tsn");
        var onnxPath = Path.Combine(root, "detector.onnx");

        var torchOutput = Build(release, root, "TorchConsumer");
        var torchRun = DotnetCommand.Run(root, RunTimeLimit, Path.Combine(torchOutput, "TorchConsumer.dll"), good, testImage, detectorPath, onnxPath);
        var onnxOutput = Build(release, root, "OnnxConsumer");
        var onnxRun = DotnetCommand.Run(root, RunTimeLimit, Path.Combine(onnxOutput, "OnnxConsumer.dll"), onnxPath, testImage);
        var dataOutput = Build(release, root, "DataConsumer");
        var dataRun = DotnetCommand.Run(root, RunTimeLimit, Path.Combine(dataOutput, "DataConsumer.dll"));
        return new ConsumerRuns(torchOutput, ConsumerRuns.Values(torchRun), onnxOutput, ConsumerRuns.Values(onnxRun),
            Path.Combine(root, "DataConsumer"), dataOutput, ConsumerRuns.Values(dataRun));
    }

    /// <summary>Copies the application's project and program into <paramref name="root"/>, restores and builds it against
    /// the packed version; returns its output folder.</summary>
    private static string Build(PackedRelease release, string root, string name)
    {
        var source = Path.Combine(release.RepositoryRoot, "tests", "TrisimpleNet.Packaging.Tests", "ConsumerApps", name);
        var project = Path.Combine(root, name);
        Directory.CreateDirectory(project);
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        var output = Path.Combine(project, "out");
        DotnetCommand.Run(project, BuildTimeLimit, "build", $"{name}.csproj", "-c", "Release", "-o", output,
            $"-p:TrisimpleNetVersion={release.Version}");
        return output;
    }

    /// <summary>A 64 x 64 smooth gradient with seeded noise; a defect is a bright square.</summary>
    private static void WriteImage(string path, int seed, bool defect)
    {
        var random = new Random(seed);
        using var image = new Image<Rgb24>(64, 64);
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++)
            {
                bool inDefect = defect && x is >= 24 and < 36 && y is >= 28 and < 40;
                int value = inDefect ? 250 : 90 + x + random.Next(0, 20);
                image[x, y] = new Rgb24((byte)value, (byte)(value - 10), (byte)(value - 20));
            }
        image.SaveAsPng(path);
    }
}

/// <summary>The applications' folders and the name=value lines they printed.</summary>
public sealed record ConsumerRuns(
    string TorchOutputFolder, IReadOnlyDictionary<string, string> TorchValues,
    string OnnxOutputFolder, IReadOnlyDictionary<string, string> OnnxValues,
    string DataProjectFolder, string DataOutputFolder, IReadOnlyDictionary<string, string> DataValues)
{
    public static IReadOnlyDictionary<string, string> Values(string output) =>
        Regex.Matches(output, @"^([a-z_]+)=(\S+)\s*$", RegexOptions.Multiline)
            .ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value);
}
