using System.Numerics;

namespace TrisimpleNet.Data.Synthetic;

/// <summary>A crack: a dark, jagged random walk, sometimes with a side branch.</summary>
public sealed class CrackDefect : ISurfaceDefect
{
    /// <inheritdoc />
    public string Name => "crack";

    /// <inheritdoc />
    public float[] Draw(float[] surface, int size, Random random)
    {
        var start = DefectShapes.RandomPoint(size, size * 0.25f, random);
        var heading = random.NextSingle() * MathF.Tau;
        var trunk = Walk(start, heading, steps: 10 + random.Next(8), size, random);
        var coverage = DefectShapes.Stroke(size, trunk, DefectShapes.Between(0.7f, 1.1f, random));
        if (random.Next(2) == 0)
        {
            var branch = Walk(trunk[trunk.Length / 2], heading + DefectShapes.Sign(random) * 0.8f, steps: 4 + random.Next(4), size, random);
            var branchCoverage = DefectShapes.Stroke(size, branch, 0.6f);
            for (var i = 0; i < coverage.Length; i++)
                coverage[i] = MathF.Max(coverage[i], branchCoverage[i]);
        }
        DefectShapes.Shift(surface, coverage, -DefectShapes.Between(0.18f, 0.28f, random));
        return coverage;
    }

    private static Vector2[] Walk(Vector2 start, float heading, int steps, int size, Random random)
    {
        var path = new Vector2[steps + 1];
        path[0] = start;
        for (var step = 1; step <= steps; step++)
        {
            heading += (random.NextSingle() - 0.5f) * 1.2f;
            var next = path[step - 1] + DefectShapes.Between(2.5f, 4.5f, random) * new Vector2(MathF.Cos(heading), MathF.Sin(heading));
            path[step] = Vector2.Clamp(next, new Vector2(2), new Vector2(size - 3));
        }
        return path;
    }
}
