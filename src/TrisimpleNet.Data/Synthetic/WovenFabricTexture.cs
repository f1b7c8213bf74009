namespace TrisimpleNet.Data.Synthetic;

/// <summary>Woven fabric: a plain weave of rounded warp and weft threads, slightly wavy, with uneven thread brightness and fibre noise.</summary>
public sealed class WovenFabricTexture : ISurfaceTexture
{
    /// <inheritdoc />
    public string Name => "woven_fabric";

    /// <inheritdoc />
    public float[] Render(int size, Random random)
    {
        var period = 7f + random.NextSingle() * 2;
        // Waviness moves threads by up to 1.5 pixels; the +1 offset keeps thread indices positive.
        var threadCount = (int)MathF.Ceiling((size + 1.5f) / period) + 2;
        var warpShade = RandomShades(threadCount, random);
        var weftShade = RandomShades(threadCount, random);
        var waveX = ValueNoise.Octave(size, size / 3f, size / 3f, random);
        var waveY = ValueNoise.Octave(size, size / 3f, size / 3f, random);
        var fibres = ValueNoise.Octave(size, 1.5f, 1.5f, random);

        var surface = new float[size * size];
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var i = y * size + x;
            var column = (x + 1.5f * waveX[i]) / period + 1;
            var row = (y + 1.5f * waveY[i]) / period + 1;
            var (warp, weft) = ((int)column, (int)row);
            var across = MathF.Sin(MathF.PI * (column - warp));
            var along = MathF.Sin(MathF.PI * (row - weft));
            var warpOnTop = (warp + weft) % 2 == 0;
            surface[i] = warpOnTop
                ? 0.38f + warpShade[warp] + 0.22f * across * (0.75f + 0.25f * along)
                : 0.38f + weftShade[weft] + 0.22f * along * (0.75f + 0.25f * across);
            surface[i] += 0.03f * fibres[i];
        }
        return surface;
    }

    private static float[] RandomShades(int count, Random random) =>
        Enumerable.Range(0, count).Select(_ => (random.NextSingle() - 0.5f) * 0.06f).ToArray();
}
