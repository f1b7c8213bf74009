using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Data.Datasets;

/// <summary>Reads defect masks as 0/255 images: any gray value above zero is defect.</summary>
internal static class BinaryMask
{
    public static Image<L8> Load(string path)
    {
        var mask = ImageFiles.LoadGray(path);
        mask.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                    row[x] = new L8(row[x].PackedValue > 0 ? byte.MaxValue : byte.MinValue);
            }
        });
        return mask;
    }
}
