namespace TrisimpleNet.Data.Synthetic;

/// <summary>A spot: a small soft-edged ellipse, lighter or darker than the surface.</summary>
public sealed class SpotDefect : ISurfaceDefect
{
    /// <inheritdoc />
    public string Name => "spot";

    /// <inheritdoc />
    public float[] Draw(float[] surface, int size, Random random)
    {
        var radius = size * DefectShapes.Between(0.025f, 0.05f, random);
        var coverage = DefectShapes.Ellipse(size, DefectShapes.RandomPoint(size, size * 0.15f, random),
            radius, radius * DefectShapes.Between(0.6f, 1f, random), random.NextSingle() * MathF.PI, softness: 2.5f);
        DefectShapes.Shift(surface, coverage, DefectShapes.Sign(random) * DefectShapes.Between(0.12f, 0.2f, random));
        return coverage;
    }
}
