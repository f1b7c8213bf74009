using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TrisimpleNet.Imaging;

namespace TrisimpleNet.Samples.Tests;

/// <summary>Scored images made without a detector: flat gray sources, maps with a hot square, square masks.</summary>
public static class PictureFixture
{
    /// <summary>Maps are this side, for a detector resizing whole images to it.</summary>
    public const int MapSide = 16;

    /// <summary>The options of a detector whose 16 x 16 maps cover whole images.</summary>
    public static TrisimpleNetOptions WholeImageOptions() => new() { InputHeight = MapSide, InputWidth = MapSide };

    /// <summary>A <paramref name="width"/> x <paramref name="height"/> gray image of value <paramref name="gray"/>.</summary>
    public static ImageSource GrayImage(string name, int width, int height, byte gray) =>
        ImageSource.FromFactory(name, () => new Image<Rgb24>(width, height, new Rgb24(gray, gray, gray)));

    /// <summary>A map of <paramref name="background"/> with <paramref name="peak"/> in the square [4, 8) x [4, 8).</summary>
    public static float[] MapWithHotSquare(float background, float peak)
    {
        var map = Enumerable.Repeat(background, MapSide * MapSide).ToArray();
        for (int y = 4; y < 8; y++)
            for (int x = 4; x < 8; x++)
                map[y * MapSide + x] = peak;
        return map;
    }

    /// <summary>A 64 x 32 mask set on x [16, 32), y [8, 16): the hot square of the maps once stretched to 16 x 16.</summary>
    public static Image<L8> HotSquareMask()
    {
        var mask = new Image<L8>(64, 32);
        for (int y = 8; y < 16; y++)
            for (int x = 16; x < 32; x++)
                mask[x, y] = new L8(255);
        return mask;
    }

    /// <summary>A labelled category: two normal images (scores 0.2, 0.4) and two defects with masks (0.6, 0.9), 64 x 32 pixels.</summary>
    public static IReadOnlyList<ScoredImage> LabelledCategory() =>
    [
        new(GrayImage("good/a.png", 64, 32, 120), 0.2f, MapWithHotSquare(0.1f, 0.2f), false, null),
        new(GrayImage("good/b.png", 64, 32, 120), 0.4f, MapWithHotSquare(0.1f, 0.4f), false, null),
        new(GrayImage("crack/c.png", 64, 32, 120), 0.6f, MapWithHotSquare(0.1f, 0.6f), true, HotSquareMask),
        new(GrayImage("crack/d.png", 64, 32, 120), 0.9f, MapWithHotSquare(0.1f, 0.9f), true, HotSquareMask),
    ];
}
