namespace TrisimpleNet.Data.Synthetic;

/// <summary>Brushed metal: fine horizontal streaks of anisotropic noise over a gentle illumination gradient.</summary>
public sealed class BrushedMetalTexture : ISurfaceTexture
{
    /// <inheritdoc />
    public string Name => "brushed_metal";

    /// <inheritdoc />
    public float[] Render(int size, Random random)
    {
        var surface = new float[size * size];
        Array.Fill(surface, 0.55f);
        ValueNoise.AddScaled(surface, ValueNoise.Octave(size, size / 2f, 1.5f, random), 0.07f);
        ValueNoise.AddScaled(surface, ValueNoise.Octave(size, size / 6f, 1f, random), 0.05f);
        ValueNoise.AddScaled(surface, ValueNoise.Octave(size, 3f, 1f, random), 0.025f);
        ValueNoise.AddScaled(surface, ValueNoise.Octave(size, size / 2f, size / 2f, random), 0.06f);
        return surface;
    }
}
