using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrisimpleNet;

/// <summary>
/// The container that detector files and training checkpoints share: an 8-byte signature, the format version and the
/// header length (little-endian int32 each), a JSON header, the payload, then a SHA-256 of everything before it.
/// Reading checks the signature, the version, the checksum and the header's bounds, in that order, and names the
/// source in every refusal.
/// </summary>
internal sealed record ChecksummedContainer(string Kind, byte[] Signature, int OldestVersion, int NewestVersion)
{
    private const int ChecksumLength = 32;
    private int HeaderStart => Signature.Length + 8;

    /// <summary>How headers are written: compact, enums by name.</summary>
    public static readonly JsonSerializerOptions HeaderJson = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>A container whose checksum and bounds have been checked and whose header has been parsed.</summary>
    public readonly record struct Contents<THeader>(int Version, THeader Header, ArraySegment<byte> Payload);

    /// <summary>The container's bytes, written in <see cref="NewestVersion"/>.</summary>
    public byte[] Write<THeader>(THeader headerObject, ReadOnlySpan<byte> payload)
    {
        byte[] header = JsonSerializer.SerializeToUtf8Bytes(headerObject, HeaderJson);
        var file = new MemoryStream(HeaderStart + header.Length + payload.Length + ChecksumLength);
        file.Write(Signature);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(number, NewestVersion);
        file.Write(number);
        BinaryPrimitives.WriteInt32LittleEndian(number, header.Length);
        file.Write(number);
        file.Write(header);
        file.Write(payload);
        file.Write(SHA256.HashData(file.GetBuffer().AsSpan(0, (int)file.Length)));
        return file.ToArray();
    }

    /// <summary>Checks <paramref name="bytes"/> and splits them; <paramref name="source"/> names them in each refusal.</summary>
    /// <exception cref="InvalidDataException">The bytes are not this container, its version is not read here, the checksum
    /// does not match, the header length points outside the file, or the header is not a <typeparamref name="THeader"/>.</exception>
    public Contents<THeader> Read<THeader>(byte[] bytes, string source) where THeader : class
    {
        if (bytes.Length < HeaderStart + ChecksumLength || !bytes.AsSpan(0, Signature.Length).SequenceEqual(Signature))
            throw new InvalidDataException(
                $"{source} is not a TrisimpleNet {Kind} (no {System.Text.Encoding.ASCII.GetString(Signature).TrimEnd()} signature, or too short).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Signature.Length));
        if (version > NewestVersion)
            throw new InvalidDataException(
                $"{source} was written in {Kind} format {version}; this TrisimpleNet reads formats up to {NewestVersion}. Update the TrisimpleNet package.");
        if (version < OldestVersion)
            throw new InvalidDataException(
                $"{source} has {Kind} format {version}; this TrisimpleNet reads formats {OldestVersion} to {NewestVersion}.");
        int body = bytes.Length - ChecksumLength;
        if (!SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
            throw new InvalidDataException($"{source} is truncated or corrupted: its SHA-256 checksum does not match its content.");
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Signature.Length + 4));
        if (headerLength <= 0 || headerLength > body - HeaderStart)
            throw new InvalidDataException($"{source} has an invalid header length {headerLength}.");
        int payloadStart = HeaderStart + headerLength;
        return new Contents<THeader>(version, ReadHeader<THeader>(bytes.AsSpan(HeaderStart, headerLength), source),
            new ArraySegment<byte>(bytes, payloadStart, body - payloadStart));
    }

    // The checksum only proves the file is as written; a writer with a bug, or a hand-edited file with a recomputed
    // checksum, can still hold a header that is not what the format expects.
    private static THeader ReadHeader<THeader>(ReadOnlySpan<byte> json, string source) where THeader : class
    {
        try
        {
            return JsonSerializer.Deserialize<THeader>(json, HeaderJson)
                ?? throw new InvalidDataException($"{source} has a malformed header: it is empty (null).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source} has a malformed header: {e.Message}", e);
        }
    }
}
