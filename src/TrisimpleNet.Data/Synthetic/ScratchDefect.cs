using System.Numerics;

namespace TrisimpleNet.Data.Synthetic;

/// <summary>A scratch: a thin, gently curved line, lighter or darker than the surface.</summary>
public sealed class ScratchDefect : ISurfaceDefect
{
    /// <inheritdoc />
    public string Name => "scratch";

    /// <inheritdoc />
    public float[] Draw(float[] surface, int size, Random random)
    {
        var length = size * DefectShapes.Between(0.25f, 0.45f, random);
        var centre = DefectShapes.RandomPoint(size, length / 2 + 3, random);
        var angle = random.NextSingle() * MathF.Tau;
        var bend = DefectShapes.Between(-0.15f, 0.15f, random);
        // A gently curved line through the centre: the direction from the centre turns by up to `bend` radians toward each end.
        var path = Enumerable.Range(-6, 13).Select(step =>
        {
            var t = step / 12f;
            var heading = angle + bend * t * 2;
            return centre + length * t * new Vector2(MathF.Cos(heading), MathF.Sin(heading));
        }).ToArray();

        var coverage = DefectShapes.Stroke(size, path, DefectShapes.Between(0.6f, 1.0f, random));
        DefectShapes.Shift(surface, coverage, DefectShapes.Sign(random) * DefectShapes.Between(0.12f, 0.2f, random));
        return coverage;
    }
}
