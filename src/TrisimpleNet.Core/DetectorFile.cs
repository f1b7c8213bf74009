using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Backbones;
using TrisimpleNet.Decisions;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Features;
using TrisimpleNet.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>
/// The saved-detector format: magic, format version, a JSON header (options, backbone identity, threshold, feature
/// spread, tensor table), the adaptor's and discriminator's tensors, then a SHA-256 of everything before it.
/// Backbone weights are not stored: they are reloaded from their source. Written atomically.
/// </summary>
internal static class DetectorFile
{
    public const int FormatVersion = 2;
    private static readonly byte[] Magic = "TSNDET\r\n"u8.ToArray();
    private const int ChecksumLength = 32;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record TensorEntry(string Name, string DType, long[] Shape, long Offset, long Length);

    private sealed record Header(
        TrisimpleNetOptions Options,
        BackboneDescriptor Backbone,
        int FeatureWidth,
        double FeatureSpread,
        float Threshold,
        List<TensorEntry> Tensors,
        StoredDecisions? Decisions);

    // Format 2. A format-1 file has only the image threshold, which then serves for pixels too.
    private sealed record StoredDecisions(float ImageThreshold, float PixelThreshold, float ImageScale, float PixelScale,
        int CalibrationImageCount, bool CalibratedOnTrainingImages)
    {
        public static StoredDecisions From(AnomalyDecisions d) => new(d.ImageThreshold, d.PixelThreshold, d.ImageScale,
            d.PixelScale, d.CalibrationImageCount, d.CalibratedOnTrainingImages);

        public AnomalyDecisions ToDecisions() => new(ImageThreshold, PixelThreshold, ImageScale, PixelScale,
            CalibrationImageCount, CalibratedOnTrainingImages);
    }

    public static void Write(string path, AnomalyDetector detector)
    {
        if (detector.Adaptor is not LinearFeatureAdaptor || detector.Discriminator is not MlpDiscriminator
            || detector.Scorer is not MaxScorer
            || detector.Extractor.Aggregator is not (UnfoldPoolAggregator or SpatialAverageAggregator))
            throw new NotSupportedException(
                "Only detectors built from the library's own adaptor, discriminator, aggregator and scorer can be saved; " +
                "a custom part's architecture cannot be rebuilt when loading.");

        var tensors = new List<(string Name, Tensor Tensor)>();
        tensors.AddRange(detector.Adaptor.Network.state_dict().Select(kv => ("adaptor." + kv.Key, kv.Value)));
        tensors.AddRange(detector.Discriminator.Network.state_dict().Select(kv => ("discriminator." + kv.Key, kv.Value)));

        var entries = new List<TensorEntry>();
        var payload = new MemoryStream();
        foreach (var (name, tensor) in tensors)
        {
            byte[] bytes = TensorBytes(tensor);
            entries.Add(new TensorEntry(name, tensor.dtype.ToString(), tensor.shape, payload.Length, bytes.Length));
            payload.Write(bytes);
        }
        var header = new Header(detector.Options, detector.Backbone, detector.Extractor.Aggregator.OutputWidth,
            detector.FeatureSpread, detector.Threshold, entries, StoredDecisions.From(detector.Decisions));
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);

        var file = new MemoryStream();
        file.Write(Magic);
        WriteInt32(file, FormatVersion);
        WriteInt32(file, headerBytes.Length);
        file.Write(headerBytes);
        payload.Position = 0;
        payload.CopyTo(file);
        file.Write(SHA256.HashData(file.GetBuffer().AsSpan(0, (int)file.Length)));

        string fullPath = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(fullPath);
        if (folder is not null) Directory.CreateDirectory(folder);
        string temporary = fullPath + $".{Environment.ProcessId}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Position = 0;
                file.CopyTo(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public static AnomalyDetector Read(string path, DetectorLoadOptions loadOptions)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Detector file '{path}' does not exist.", path);
        byte[] bytes = File.ReadAllBytes(path);
        int headerStart = Magic.Length + 8;
        if (bytes.Length < headerStart + ChecksumLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a TrisimpleNet detector file (no TSNDET signature, or too short).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (version > FormatVersion)
            throw new InvalidDataException($"'{path}' was written in detector format {version}; this TrisimpleNet reads formats up to {FormatVersion}. Update the TrisimpleNet package.");
        if (version < 1)
            throw new InvalidDataException($"'{path}' has an invalid format version {version}.");
        int body = bytes.Length - ChecksumLength;
        if (!SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
            throw new InvalidDataException($"'{path}' is truncated or corrupted: its SHA-256 checksum does not match its content.");

        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length + 4));
        if (headerLength <= 0 || headerStart + headerLength > body)
            throw new InvalidDataException($"'{path}' has an invalid header length {headerLength}.");
        var header = JsonSerializer.Deserialize<Header>(bytes.AsSpan(headerStart, headerLength), Json)
            ?? throw new InvalidDataException($"'{path}' has an empty header.");
        int payloadStart = headerStart + headerLength;

        var options = header.Options;
        if (loadOptions.Device is not null) options.Device = loadOptions.Device;
        if (loadOptions.InferenceBatchSize is int batchSize) options.InferenceBatchSize = batchSize;
        TrisimpleNetOptionsValidator.ThrowIfInvalid(options);
        var device = TorchSettings.DeviceOf(options.Device);
        TorchSettings.SetThreads(loadOptions.Threads);
        var backbone = (loadOptions.BackboneFactory ?? TrisimpleNet.Backbones.Backbone.Create)(header.Backbone);
        backbone.MoveTo(device);
        var extractor = new FeatureExtractor(Imaging.ImagePreprocessor.FromOptions(options), backbone, DefaultParts.Aggregator(options), device);
        var adaptor = DefaultParts.Adaptor(options, header.FeatureWidth);
        var discriminator = DefaultParts.Discriminator(options, header.FeatureWidth);
        Load(adaptor, "adaptor.", header.Tensors, bytes, payloadStart, body, path);
        Load(discriminator, "discriminator.", header.Tensors, bytes, payloadStart, body, path);
        adaptor.to(device);
        discriminator.to(device);
        var parts = new Parts.TrainedParts(options, extractor, adaptor, discriminator, DefaultParts.Scorer(options), header.FeatureSpread);
        var decisions = header.Decisions?.ToDecisions() ?? new AnomalyDecisions(header.Threshold, header.Threshold);
        return new AnomalyDetector(parts, decisions, options.InferenceBatchSize, []);
    }

    private static void Load(nn.Module module, string prefix, List<TensorEntry> entries, byte[] bytes, int payloadStart, int payloadEnd, string path)
    {
        var stateDict = new Dictionary<string, Tensor>();
        foreach (var entry in entries.Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            if (entry.Offset < 0 || entry.Length < 0 || payloadStart + entry.Offset + entry.Length > payloadEnd)
                throw new InvalidDataException($"'{path}': tensor '{entry.Name}' lies outside the file's payload.");
            stateDict[entry.Name[prefix.Length..]] = FromBytes(entry, bytes.AsSpan((int)(payloadStart + entry.Offset), (int)entry.Length), path);
        }
        var expected = module.state_dict();
        foreach (var (name, tensor) in expected)
        {
            if (!stateDict.TryGetValue(name, out var stored))
                throw new InvalidDataException($"'{path}' lacks tensor '{prefix}{name}'.");
            if (!stored.shape.SequenceEqual(tensor.shape))
                throw new InvalidDataException($"'{path}': tensor '{prefix}{name}' has shape [{string.Join(", ", stored.shape)}], expected [{string.Join(", ", tensor.shape)}].");
        }
        module.load_state_dict(stateDict, strict: true);
        foreach (var tensor in stateDict.Values) tensor.Dispose();
    }

    private static byte[] TensorBytes(Tensor tensor)
    {
        using var cpu = tensor.detach().cpu().contiguous();
        return cpu.dtype switch
        {
            ScalarType.Float32 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()).ToArray(),
            ScalarType.Int64 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(cpu.data<long>().ToArray().AsSpan()).ToArray(),
            _ => throw new NotSupportedException($"Tensors of type {cpu.dtype} cannot be saved."),
        };
    }

    private static Tensor FromBytes(TensorEntry entry, ReadOnlySpan<byte> bytes, string path) => entry.DType switch
    {
        nameof(ScalarType.Float32) => tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray(), entry.Shape),
        nameof(ScalarType.Int64) => tensor(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(bytes).ToArray(), entry.Shape),
        _ => throw new InvalidDataException($"'{path}': tensor '{entry.Name}' has unsupported type {entry.DType}."),
    };

    private static void WriteInt32(Stream stream, int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
        stream.Write(buffer);
    }
}
