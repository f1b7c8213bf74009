namespace TrisimpleNet.Data.Synthetic;

/// <summary>A hole: a small round pit, dark inside with a faintly lit rim.</summary>
public sealed class HoleDefect : ISurfaceDefect
{
    /// <inheritdoc />
    public string Name => "hole";

    /// <inheritdoc />
    public float[] Draw(float[] surface, int size, Random random)
    {
        var centre = DefectShapes.RandomPoint(size, size * 0.15f, random);
        var radius = size * DefectShapes.Between(0.02f, 0.04f, random);
        var rim = DefectShapes.Ellipse(size, centre, radius + 1.5f, radius + 1.5f, angle: 0, softness: 1.5f);
        var pit = DefectShapes.Ellipse(size, centre, radius, radius, angle: 0, softness: 1f);
        DefectShapes.Shift(surface, rim, 0.06f);
        DefectShapes.BlendToward(surface, pit, target: 0.15f, strength: DefectShapes.Between(0.55f, 0.75f, random));
        return pit;
    }
}
