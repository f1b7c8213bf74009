using System.Buffers.Binary;
using System.IO.Compression;

namespace TrisimpleNet.Data.Tests.Datasets;

/// <summary>Writes gzip-compressed idx files (the MNIST format) for tests, with a chosen magic number.</summary>
public static class IdxFileWriter
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    public static void Write(string path, int magic, int[] shape, byte[] data)
    {
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        Span<byte> word = stackalloc byte[4];
        foreach (var value in shape.Prepend(magic))
        {
            BinaryPrimitives.WriteInt32BigEndian(word, value);
            gzip.Write(word);
        }
        gzip.Write(data);
    }
}
