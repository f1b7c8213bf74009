using System.Buffers.Binary;
using System.Text;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>PNG files written byte by byte, for headers no encoder would produce.</summary>
internal static class CraftedPng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A valid signature and IHDR chunk declaring <paramref name="width"/> x <paramref name="height"/> 8-bit RGB, then IEND: no pixel data.</summary>
    public static byte[] HeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type RGB; compression, filter and interlace stay 0
        using var file = new MemoryStream();
        file.Write(Signature);
        WriteChunk(file, "IHDR", ihdr);
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        stream.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        stream.Write(word);
    }

    /// <summary><paramref name="png"/> with a chunk of <paramref name="type"/> and <paramref name="data"/> inserted after IHDR.</summary>
    public static byte[] WithChunkAfterHeader(byte[] png, string type, byte[] data)
    {
        const int afterHeader = 8 + 12 + 13; // signature, then IHDR: length, type, 13 bytes, CRC
        using var file = new MemoryStream();
        file.Write(png.AsSpan(0, afterHeader));
        WriteChunk(file, type, data);
        file.Write(png.AsSpan(afterHeader));
        return file.ToArray();
    }

    /// <summary>Flips 1 to 4 bytes inside the data of a random chunk of <paramref name="png"/> and fixes that chunk's CRC, so that the damage reaches the decoder.</summary>
    public static byte[] FlipInsideAChunk(byte[] png, Random random)
    {
        var chunks = new List<(int Start, int Length)>(); // data start and length
        for (int at = Signature.Length; at + 12 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (length < 0 || at + 12 + length > png.Length) break;
            if (length > 0) chunks.Add((at + 8, length));
            at += 12 + length;
        }
        var mutated = (byte[])png.Clone();
        var (start, dataLength) = chunks[random.Next(chunks.Count)];
        for (int flips = 1 + random.Next(4); flips > 0; flips--)
            mutated[start + random.Next(dataLength)] ^= (byte)(1 + random.Next(255));
        BinaryPrimitives.WriteUInt32BigEndian(mutated.AsSpan(start + dataLength), Crc32(mutated.AsSpan(start - 4, dataLength + 4)));
        return mutated;
    }

    // The CRC-32 of ISO 3309 that PNG chunks carry, bit by bit: the inputs here are small.
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
