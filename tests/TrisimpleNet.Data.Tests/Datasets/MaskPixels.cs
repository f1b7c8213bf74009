using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Data.Tests.Datasets;

/// <summary>Counts the defect pixels of a binary mask, failing on any value other than 0 or 255.</summary>
public static class MaskPixels
{
    public static int CountDefects(Image<L8> mask)
    {
        var count = 0;
        mask.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (var pixel in rows.GetRowSpan(y))
                    count += pixel.PackedValue switch
                    {
                        255 => 1,
                        0 => 0,
                        _ => throw new InvalidDataException($"Mask has the value {pixel.PackedValue}; a binary mask holds only 0 and 255."),
                    };
        });
        return count;
    }
}
