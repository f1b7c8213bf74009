namespace TrisimpleNet.Data.Synthetic;

/// <summary>Grainy stone: fractal value noise with fine grain and scattered light and dark mineral specks.</summary>
public sealed class GrainyStoneTexture : ISurfaceTexture
{
    /// <inheritdoc />
    public string Name => "grainy_stone";

    /// <inheritdoc />
    public float[] Render(int size, Random random)
    {
        var surface = new float[size * size];
        Array.Fill(surface, 0.5f);
        ValueNoise.AddScaled(surface, ValueNoise.Fractal(size, size / 4f, octaves: 5, persistence: 0.6f, random), 0.16f);
        ValueNoise.AddScaled(surface, ValueNoise.Octave(size, 1f, 1f, random), 0.05f);
        for (var i = 0; i < surface.Length; i++)
        {
            if (random.NextSingle() < 0.03f)
                surface[i] += (random.NextSingle() - 0.5f) * 0.3f;
        }
        return surface;
    }
}
