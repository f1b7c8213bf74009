using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TrisimpleNet.Core.Tests.Sharing;
using TrisimpleNet.Parts;
using TrisimpleNet.Scoring;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Saving;

/// <summary>Any detector whose parts have specs saves and loads; others are refused at Save; saving is atomic.</summary>
public sealed class SavingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-saving-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static AnomalyDetector TrainWith(Func<AnomalyDetectorBuilder, AnomalyDetectorBuilder> configure) =>
        configure(new AnomalyDetectorBuilder(TinyDetectors.Options()).WithBackbone(new TinyBackbone())).Train(TinyDetectors.Images(6, 1));

    [Fact]
    public void ACustomPartWithARegisteredFactorySavesAndLoadsLikeABuiltInOne()
    {
        ResidualAdaptor.Register();
        using var detector = TrainWith(builder => builder.WithAdaptor(new ResidualAdaptor(32)));
        string path = Path.Combine(_folder, "custom.tsn");
        detector.Save(path);
        using var loaded = TinyDetectors.Load(path);
        var images = TinyDetectors.Images(3, 2);
        Assert.IsType<ResidualAdaptor>(loaded.Adaptor);
        Assert.Equal(detector.Predict(images).Select(p => p.Score), loaded.Predict(images).Select(p => p.Score));
    }

    [Fact]
    public void APartNothingDescribesIsRefusedAtSaveByName()
    {
        using var detector = TrainWith(builder => builder.WithScorer(new UndescribedScorer()));
        var error = Assert.Throws<NotSupportedException>(() => detector.Save(Path.Combine(_folder, "refused.tsn")));
        Assert.Contains(typeof(UndescribedScorer).FullName!, error.Message);
        Assert.Contains("scorer", error.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void APartFromASpecWithoutARegisteredFactoryIsRefusedAtSave()
    {
        using var detector = TrainWith(builder => builder.WithScorer(new UnregisteredScorer()));
        var error = Assert.Throws<NotSupportedException>(() => detector.Save(Path.Combine(_folder, "refused.tsn")));
        Assert.Contains("'test-unregistered-scorer'", error.Message);
    }

    [Fact]
    public void SaveToAStreamAndLoadFromItGiveIdenticalScoresAndDecisions()
    {
        using var detector = TinyDetectors.Train();
        using var stream = new MemoryStream();
        detector.Save(stream);
        stream.Position = 0;
        using var loaded = AnomalyDetector.Load(stream, new DetectorLoadOptions { BackboneFactory = _ => new TinyBackbone(), InferenceBatchSize = 3 });
        var images = TinyDetectors.Images(3, 2);
        Assert.Equal(detector.Predict(images).Select(p => p.Score), loaded.Predict(images).Select(p => p.Score));
        Assert.Equal((detector.Decisions.ImageThreshold, detector.Decisions.PixelThreshold, detector.Decisions.ImageScale),
            (loaded.Decisions.ImageThreshold, loaded.Decisions.PixelThreshold, loaded.Decisions.ImageScale));
        Assert.Equal(3, loaded.InferenceBatchSize);
    }

    [Fact]
    public void AFailureHalfWayThroughSaveLeavesThePreviousFileAndNoPartialFile()
    {
        using var detector = TinyDetectors.Train();
        string path = Path.Combine(_folder, "model.tsn");
        detector.Save(path);
        byte[] previous = File.ReadAllBytes(path);
        using var calibrated = detector.WithDecisions(detector.Decisions.WithImageThreshold(0));

        Assert.Throws<IOException>(() => DetectorFile.Write(path, calibrated, file => new FailingStream(file, failAfter: previous.Length / 2)));

        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void AFormatOneFileStillLoadsWithItsThresholdForImagesAndPixels()
    {
        using var detector = TinyDetectors.Train();
        string path = Path.Combine(_folder, "v1.tsn");
        detector.Save(path);
        File.WriteAllBytes(path, AsFormatOne(File.ReadAllBytes(path)));
        using var loaded = TinyDetectors.Load(path);
        var images = TinyDetectors.Images(2, 2);
        Assert.Equal(detector.Predict(images).Select(p => p.Score), loaded.Predict(images).Select(p => p.Score));
        Assert.Equal(detector.Threshold, loaded.Decisions.ImageThreshold);
        Assert.Equal(detector.Threshold, loaded.Decisions.PixelThreshold);
    }

    // Format 1: no decisions or part specs in the header, and the tensors as raw bytes listed in the header's own
    // table instead of a safetensors payload (whose data section has the same raw bytes).
    private static byte[] AsFormatOne(byte[] file)
    {
        var (header, payload) = Split(file);
        long tableLength = BinaryPrimitives.ReadInt64LittleEndian(payload);
        var table = JsonNode.Parse(payload.AsSpan(8, (int)tableLength))!.AsObject();
        var entries = new JsonArray();
        foreach (var (name, entry) in table)
        {
            long begin = entry!["data_offsets"]![0]!.GetValue<long>(), end = entry["data_offsets"]![1]!.GetValue<long>();
            string dtype = entry["dtype"]!.GetValue<string>() == "F32" ? "Float32" : "Int64";
            entries.Add(new JsonObject { ["Name"] = name, ["DType"] = dtype, ["Shape"] = entry["shape"]!.DeepClone(), ["Offset"] = begin, ["Length"] = end - begin });
        }
        header.Remove("Decisions");
        header.Remove("Parts");
        header["Tensors"] = entries;
        return Assemble(1, header, payload.AsSpan(8 + (int)tableLength));
    }

    [Fact]
    public void LoadingAPartWhoseFactoryIsNotRegisteredIsAClearError()
    {
        using var detector = TinyDetectors.Train();
        string path = Path.Combine(_folder, "unknown.tsn");
        detector.Save(path);
        File.WriteAllBytes(path, Rewritten(File.ReadAllBytes(path), version: 2, header => header["Parts"]!["Scorer"]!["Name"] = "nobody-registered-this"));
        var error = Assert.Throws<InvalidDataException>(() => TinyDetectors.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("'nobody-registered-this'", error.Message);
    }

    [Fact]
    public void AFileWhoseOptionsAndTensorsDisagreeAboutThePositionBiasIsRefused()
    {
        var options = TinyDetectors.Options();
        options.SubtractPositionBias = true;
        using var biased = TinyDetectors.Train(options);
        string withBias = Path.Combine(_folder, "with-bias.tsn");
        biased.Save(withBias);
        File.WriteAllBytes(withBias, Rewritten(File.ReadAllBytes(withBias), version: 2, header => header["Options"]!["SubtractPositionBias"] = false));
        var extra = Assert.Throws<InvalidDataException>(() => TinyDetectors.Load(withBias));
        Assert.Contains(withBias, extra.Message);
        Assert.Contains("'position_bias'", extra.Message);

        using var plain = TinyDetectors.Train();
        string withoutBias = Path.Combine(_folder, "without-bias.tsn");
        plain.Save(withoutBias);
        File.WriteAllBytes(withoutBias, Rewritten(File.ReadAllBytes(withoutBias), version: 2, header => header["Options"]!["SubtractPositionBias"] = true));
        var missing = Assert.Throws<InvalidDataException>(() => TinyDetectors.Load(withoutBias));
        Assert.Contains("lacks tensor 'position_bias'", missing.Message);
    }

    // The file with its header changed by `change` and its version set to `version`, checksum recomputed.
    private static byte[] Rewritten(byte[] file, int version, Action<JsonObject> change)
    {
        var (header, payload) = Split(file);
        change(header);
        return Assemble(version, header, payload);
    }

    private const int MagicLength = 8;

    private static (JsonObject Header, byte[] Payload) Split(byte[] file)
    {
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(MagicLength + 4));
        var header = JsonNode.Parse(file.AsSpan(MagicLength + 8, headerLength))!.AsObject();
        int payloadStart = MagicLength + 8 + headerLength;
        return (header, file[payloadStart..^32]);
    }

    private static byte[] Assemble(int version, JsonObject header, ReadOnlySpan<byte> payload)
    {
        byte[] headerBytes = System.Text.Encoding.UTF8.GetBytes(header.ToJsonString());
        var result = new MemoryStream();
        result.Write("TSNDET\r\n"u8);
        result.Write(BitConverter.GetBytes(version));
        result.Write(BitConverter.GetBytes(headerBytes.Length));
        result.Write(headerBytes);
        result.Write(payload);
        result.Write(SHA256.HashData(result.ToArray()));
        return result.ToArray();
    }

    private sealed class UndescribedScorer : IScorer
    {
        private readonly MaxScorer _inner = new();
        public (Tensor ImageScores, Tensor Maps) Score(Tensor patchScores, int height, int width) => _inner.Score(patchScores, height, width);
    }

    private sealed class UnregisteredScorer : IScorer, IDescribedPart
    {
        private readonly MaxScorer _inner = new();
        public PartSpec Spec => new("test-unregistered-scorer", []);
        public (Tensor ImageScores, Tensor Maps) Score(Tensor patchScores, int height, int width) => _inner.Score(patchScores, height, width);
    }
}
