using System.Numerics;

namespace TrisimpleNet.Data.Synthetic;

/// <summary>Anti-aliased coverage maps (values in [0, 1] per pixel) of the shapes defects are drawn from, and ways to paint them.</summary>
internal static class DefectShapes
{
    /// <summary>A random point at least <paramref name="margin"/> pixels inside the image.</summary>
    public static Vector2 RandomPoint(int size, float margin, Random random) =>
        new(margin + random.NextSingle() * (size - 2 * margin), margin + random.NextSingle() * (size - 2 * margin));

    /// <summary>A random value in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static float Between(float min, float max, Random random) => min + random.NextSingle() * (max - min);

    /// <summary>A random sign, +1 or -1.</summary>
    public static float Sign(Random random) => random.Next(2) == 0 ? -1f : 1f;

    /// <summary>A polyline of half-width <paramref name="radius"/>: coverage falls from 1 to 0 over one pixel at its edge.</summary>
    public static float[] Stroke(int size, IReadOnlyList<Vector2> path, float radius)
    {
        var coverage = new float[size * size];
        var (min, max) = Bounds(size, path, radius + 1);
        for (var y = (int)min.Y; y <= (int)max.Y; y++)
        for (var x = (int)min.X; x <= (int)max.X; x++)
        {
            var pixel = new Vector2(x, y);
            var distance = float.MaxValue;
            for (var segment = 1; segment < path.Count; segment++)
                distance = MathF.Min(distance, DistanceToSegment(pixel, path[segment - 1], path[segment]));
            coverage[y * size + x] = Math.Clamp(radius + 0.5f - distance, 0, 1);
        }
        return coverage;
    }

    /// <summary>An ellipse rotated by <paramref name="angle"/> radians whose edge is blurred over <paramref name="softness"/> pixels.</summary>
    public static float[] Ellipse(int size, Vector2 centre, float radiusX, float radiusY, float angle, float softness)
    {
        var coverage = new float[size * size];
        var (cos, sin) = (MathF.Cos(angle), MathF.Sin(angle));
        var reach = MathF.Max(radiusX, radiusY) + softness;
        var (min, max) = Bounds(size, [centre], reach);
        for (var y = (int)min.Y; y <= (int)max.Y; y++)
        for (var x = (int)min.X; x <= (int)max.X; x++)
        {
            var (dx, dy) = (x - centre.X, y - centre.Y);
            var (u, v) = ((cos * dx + sin * dy) / radiusX, (-sin * dx + cos * dy) / radiusY);
            // Distance outside the unit circle, converted back to pixels along the smaller radius.
            var outside = (MathF.Sqrt(u * u + v * v) - 1) * MathF.Min(radiusX, radiusY);
            coverage[y * size + x] = Math.Clamp(0.5f - outside / softness, 0, 1);
        }
        return coverage;
    }

    /// <summary>surface += delta * coverage.</summary>
    public static void Shift(float[] surface, float[] coverage, float delta)
    {
        for (var i = 0; i < surface.Length; i++)
            surface[i] += delta * coverage[i];
    }

    /// <summary>Moves each pixel toward <paramref name="target"/> by <paramref name="strength"/> times its coverage.</summary>
    public static void BlendToward(float[] surface, float[] coverage, float target, float strength)
    {
        for (var i = 0; i < surface.Length; i++)
            surface[i] += (target - surface[i]) * strength * coverage[i];
    }

    private static (Vector2 Min, Vector2 Max) Bounds(int size, IEnumerable<Vector2> points, float reach)
    {
        var (min, max) = (new Vector2(float.MaxValue), new Vector2(float.MinValue));
        foreach (var point in points)
            (min, max) = (Vector2.Min(min, point), Vector2.Max(max, point));
        var last = new Vector2(size - 1);
        return (Vector2.Clamp(min - new Vector2(reach), Vector2.Zero, last), Vector2.Clamp(max + new Vector2(reach), Vector2.Zero, last));
    }

    private static float DistanceToSegment(Vector2 point, Vector2 start, Vector2 end)
    {
        var along = end - start;
        var lengthSquared = along.LengthSquared();
        var t = lengthSquared == 0 ? 0 : Math.Clamp(Vector2.Dot(point - start, along) / lengthSquared, 0, 1);
        return Vector2.Distance(point, start + t * along);
    }
}
