using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrisimpleNet.Training;

/// <summary>
/// The training-checkpoint format: magic, format version, header length, a JSON header (options, features SHA-256,
/// epoch, early-stopping count, history), the <see cref="TrainingState"/> bytes, then a SHA-256 of everything before
/// it, as in <see cref="DetectorFile"/>. Written atomically, so a run killed while writing leaves the previous checkpoint.
/// </summary>
internal static class CheckpointFile
{
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "TSNCKPT\n"u8.ToArray();
    private const int ChecksumLength = 32;

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record Header(
        TrisimpleNetOptions Options,
        string FeaturesSha256,
        int Epoch,
        int EpochsAtTarget,
        List<TrainingProgress> History);

    public static void Write(string path, TrainingCheckpoint checkpoint) => Write(path, checkpoint, file => file);

    /// <summary>Writes through <paramref name="wrapFile"/> (tests make it fail half way).</summary>
    internal static void Write(string path, TrainingCheckpoint checkpoint, Func<Stream, Stream> wrapFile)
    {
        var header = new Header(checkpoint.Options, checkpoint.FeaturesSha256, checkpoint.Epoch, checkpoint.EpochsAtTarget,
            [.. checkpoint.History]);
        byte[] headerBytes = JsonSerializer.SerializeToUtf8Bytes(header, Json);
        var file = new MemoryStream();
        file.Write(Magic);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(number, FormatVersion);
        file.Write(number);
        BinaryPrimitives.WriteInt32LittleEndian(number, headerBytes.Length);
        file.Write(number);
        file.Write(headerBytes);
        file.Write(checkpoint.State);
        file.Write(SHA256.HashData(file.GetBuffer().AsSpan(0, (int)file.Length)));
        AtomicFile.Write(path, file.GetBuffer().AsSpan(0, (int)file.Length), wrapFile);
    }

    public static TrainingCheckpoint Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Training checkpoint '{path}' does not exist.", path);
        byte[] bytes = File.ReadAllBytes(path);
        string source = $"Training checkpoint '{path}'";
        int headerStart = Magic.Length + 8;
        if (bytes.Length < headerStart + ChecksumLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidDataException($"'{path}' is not a TrisimpleNet training checkpoint (no TSNCKPT signature, or too short).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (version != FormatVersion)
            throw new InvalidDataException($"{source} was written in checkpoint format {version}; this TrisimpleNet reads format {FormatVersion}.");
        int body = bytes.Length - ChecksumLength;
        if (!SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
            throw new InvalidDataException($"{source} is truncated or corrupted: its SHA-256 checksum does not match its content.");
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length + 4));
        if (headerLength <= 0 || headerStart + headerLength > body)
            throw new InvalidDataException($"{source} has an invalid header length {headerLength}.");

        Header? header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(bytes.AsSpan(headerStart, headerLength), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} has a malformed header: {e.Message}", e);
        }
        if (header?.Options is null || header.History is null || header.FeaturesSha256 is not { Length: 64 } || header.Epoch < 1)
            throw new InvalidDataException($"{source} has a malformed header: it lacks the options, the features' SHA-256, the epoch or the history.");
        return new TrainingCheckpoint(header.Options, header.FeaturesSha256, header.Epoch, header.EpochsAtTarget, header.History,
            bytes[(headerStart + headerLength)..body]) { Source = source };
    }
}
