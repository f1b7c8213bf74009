using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;

namespace TrisimpleNet.Imaging;

/// <summary>
/// Tells whether a PNG or JPEG file has its end marker. ImageSharp decodes a truncated JPEG (and some truncated
/// PNGs) without complaint, filling the missing rows with gray; a camera file cut short by a network share must
/// be refused instead of scored.
/// </summary>
internal static class ImageEnd
{
    private const int BufferSize = 1 << 16;

    // The IEND chunk: zero length, type "IEND", its CRC.
    private static readonly byte[] PngEnd = [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    /// <summary>True when <paramref name="stream"/> (a whole file of <paramref name="format"/>) visibly lacks its end.</summary>
    public static bool IsMissing(Stream stream, IImageFormat format) => format switch
    {
        PngFormat => !TailContains(stream, PngEnd),
        JpegFormat => !JpegEndsAfterLastScan(stream),
        _ => false,
    };

    // Bytes after IEND are ignored by decoders, so the chunk need not be last: look for it in the last 64 KiB.
    private static bool TailContains(Stream stream, byte[] marker)
    {
        var tail = new byte[(int)Math.Min(stream.Length, BufferSize)];
        stream.Position = stream.Length - tail.Length;
        stream.ReadExactly(tail);
        return tail.AsSpan().IndexOf(marker) >= 0;
    }

    // Entropy-coded JPEG data stuffs every 0xFF with 0x00, so markers are the only 0xFF 0xDA (start of scan) and
    // 0xFF 0xD9 (end of image) pairs after the headers. An embedded EXIF thumbnail has its own pair, before the
    // main image's scans; so the file is complete when an end of image follows the last start of scan.
    private static bool JpegEndsAfterLastScan(Stream stream)
    {
        stream.Position = 0;
        var buffer = new byte[BufferSize];
        long offset = 0, lastScan = -1, lastEnd = -1;
        bool previousWasFF = false;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            if (previousWasFF) Note(span[0], offset);
            for (int i = span[..^1].IndexOf((byte)0xFF); i >= 0 && i < read - 1;)
            {
                Note(span[i + 1], offset + i + 1);
                int next = span[(i + 1)..^1].IndexOf((byte)0xFF);
                i = next < 0 ? -1 : i + 1 + next;
            }
            previousWasFF = span[^1] == 0xFF;
            offset += read;
        }
        return lastEnd > lastScan;

        void Note(byte marker, long position)
        {
            if (marker == 0xDA) lastScan = position;
            else if (marker == 0xD9) lastEnd = position;
        }
    }
}
