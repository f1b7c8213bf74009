using System.Buffers.Binary;
using System.IO.Compression;

namespace TrisimpleNet.Data.Datasets;

/// <summary>An unsigned-byte array read from an idx file (the MNIST format), gzip-compressed when the name ends in <c>.gz</c>.</summary>
internal sealed class IdxFile
{
    /// <summary>The magic number's third byte for unsigned-byte data.</summary>
    private const byte UnsignedByteType = 0x08;

    private IdxFile(string path, int[] shape, byte[] data)
    {
        Path = path;
        Shape = shape;
        Data = data;
    }

    public string Path { get; }

    /// <summary>The dimensions, outermost first: (count) for labels, (count, rows, columns) for images.</summary>
    public int[] Shape { get; }

    /// <summary>The values in row-major order.</summary>
    public byte[] Data { get; }

    /// <summary>Reads <paramref name="path"/>, checking the magic number (unsigned bytes, <paramref name="dimensionCount"/> dimensions) and the data length.</summary>
    public static IdxFile Read(string path, int dimensionCount)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"idx file '{path}' does not exist.", path);
        var bytes = ReadAllBytes(path);
        var headerLength = 4 + 4 * dimensionCount;
        if (bytes.Length < headerLength)
            throw new InvalidDataException($"idx file '{path}' is {bytes.Length} bytes long, shorter than its {headerLength}-byte header.");

        var magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        var expectedMagic = (UnsignedByteType << 8) | dimensionCount;
        if (magic != expectedMagic)
            throw new InvalidDataException(
                $"idx file '{path}' has magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} (unsigned bytes, {dimensionCount} dimension(s)).");

        var shape = Enumerable.Range(0, dimensionCount)
            .Select(dimension => BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * dimension)))
            .ToArray();
        var expectedLength = shape.Aggregate(1L, (product, size) => product * size);
        if (shape.Any(size => size < 0) || bytes.Length - headerLength != expectedLength)
            throw new InvalidDataException(
                $"idx file '{path}' declares shape ({string.Join(", ", shape)}), that is {expectedLength} bytes of data, but holds {bytes.Length - headerLength}.");
        return new IdxFile(path, shape, bytes[headerLength..]);
    }

    private static byte[] ReadAllBytes(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return File.ReadAllBytes(path);
        try
        {
            using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"idx file '{path}' is not valid gzip data: {e.Message}", e);
        }
    }
}
