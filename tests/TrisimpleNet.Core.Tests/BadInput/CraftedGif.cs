using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace TrisimpleNet.Core.Tests.BadInput;

/// <summary>Animated GIF files, one uniform frame per colour.</summary>
internal static class CraftedGif
{
    /// <summary>A GIF of <paramref name="width"/> x <paramref name="height"/> with one uniform frame per colour.</summary>
    public static byte[] Frames(int width, int height, params Rgb24[] colours)
    {
        using var gif = new Image<Rgb24>(width, height, colours[0]);
        foreach (var colour in colours[1..])
        {
            using var frame = new Image<Rgb24>(width, height, colour);
            gif.Frames.AddFrame(frame.Frames.RootFrame);
        }
        using var file = new MemoryStream();
        gif.SaveAsGif(file);
        return file.ToArray();
    }
}
