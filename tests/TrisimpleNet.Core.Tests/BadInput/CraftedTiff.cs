using System.Buffers.Binary;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>Multi-page TIFF files written byte by byte (ImageSharp 2.1 encodes one page only).</summary>
internal static class CraftedTiff
{
    private const int EntryCount = 10;

    /// <summary>An uncompressed little-endian RGB TIFF of <paramref name="width"/> x <paramref name="height"/> with one uniform page per colour.</summary>
    public static byte[] Pages(int width, int height, params Rgb24[] colours)
    {
        int pixelBytes = width * height * 3;
        int pageBytes = pixelBytes + 6 + 2 + EntryCount * 12 + 4; // pixels, BitsPerSample values, IFD
        var file = new byte[8 + colours.Length * pageBytes];
        "II"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(2), 42);
        for (int page = 0; page < colours.Length; page++)
        {
            int pixels = 8 + page * pageBytes, bitsPerSample = pixels + pixelBytes, ifd = bitsPerSample + 6;
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(page == 0 ? 4 : ifd - pageBytes + 2 + EntryCount * 12), (uint)ifd);
            for (int i = 0; i < width * height; i++)
                (file[pixels + 3 * i], file[pixels + 3 * i + 1], file[pixels + 3 * i + 2]) = (colours[page].R, colours[page].G, colours[page].B);
            for (int channel = 0; channel < 3; channel++)
                BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(bitsPerSample + 2 * channel), 8);
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(ifd), EntryCount);
            (ushort Tag, ushort Type, uint Count, uint Value)[] entries =
            [
                (256, 4, 1, (uint)width), // ImageWidth, LONG
                (257, 4, 1, (uint)height), // ImageLength
                (258, 3, 3, (uint)bitsPerSample), // BitsPerSample, SHORT x 3 at an offset
                (259, 3, 1, 1), // Compression: none
                (262, 3, 1, 2), // PhotometricInterpretation: RGB
                (273, 4, 1, (uint)pixels), // StripOffsets
                (277, 3, 1, 3), // SamplesPerPixel
                (278, 4, 1, (uint)height), // RowsPerStrip
                (279, 4, 1, (uint)pixelBytes), // StripByteCounts
                (284, 3, 1, 1), // PlanarConfiguration: chunky
            ];
            for (int e = 0; e < EntryCount; e++)
            {
                var entry = file.AsSpan(ifd + 2 + 12 * e);
                BinaryPrimitives.WriteUInt16LittleEndian(entry, entries[e].Tag);
                BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], entries[e].Type);
                BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], entries[e].Count);
                BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], entries[e].Value);
            }
            // The next-IFD offset stays 0 on the last page; earlier pages get it when the next page is written.
        }
        return file;
    }
}
