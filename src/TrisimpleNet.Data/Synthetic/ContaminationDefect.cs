namespace TrisimpleNet.Data.Synthetic;

/// <summary>Contamination: an irregular stain that flattens the texture beneath it toward a lighter or darker tone.</summary>
public sealed class ContaminationDefect : ISurfaceDefect
{
    /// <inheritdoc />
    public string Name => "contamination";

    /// <inheritdoc />
    public float[] Draw(float[] surface, int size, Random random)
    {
        var radius = size * DefectShapes.Between(0.06f, 0.11f, random);
        var coverage = DefectShapes.Ellipse(size, DefectShapes.RandomPoint(size, size * 0.2f, random),
            radius, radius * DefectShapes.Between(0.5f, 1f, random), random.NextSingle() * MathF.PI, softness: 3f);
        // Ragged edge: noise eats into the soft rim but not the core.
        var ragged = ValueNoise.Fractal(size, cellSize: 6f, octaves: 2, persistence: 0.5f, random);
        for (var i = 0; i < coverage.Length; i++)
            coverage[i] = Math.Clamp(coverage[i] * (1.4f + 1.2f * ragged[i]) - 0.4f * (1 - coverage[i]), 0, 1);

        var tone = surface.Average() + DefectShapes.Sign(random) * DefectShapes.Between(0.1f, 0.16f, random);
        DefectShapes.BlendToward(surface, coverage, tone, strength: DefectShapes.Between(0.55f, 0.75f, random));
        return coverage;
    }
}
