namespace TrisimpleNet.Data.Synthetic;

/// <summary>Value noise: random values on a lattice, interpolated with smoothstep weights; the building block of the textures.</summary>
internal static class ValueNoise
{
    /// <summary>
    /// One octave of noise in [-1, 1] on a <paramref name="size"/> x <paramref name="size"/> grid whose lattice cells are
    /// <paramref name="cellWidth"/> x <paramref name="cellHeight"/> pixels (unequal cells give streaks).
    /// </summary>
    public static float[] Octave(int size, float cellWidth, float cellHeight, Random random)
    {
        var latticeWidth = (int)MathF.Ceiling(size / cellWidth) + 2;
        var latticeHeight = (int)MathF.Ceiling(size / cellHeight) + 2;
        var lattice = new float[latticeWidth * latticeHeight];
        for (var i = 0; i < lattice.Length; i++)
            lattice[i] = random.NextSingle() * 2 - 1;

        var (columns, columnWeights) = LatticeCoordinates(size, cellWidth);
        var (rows, rowWeights) = LatticeCoordinates(size, cellHeight);
        var noise = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            var top = rows[y] * latticeWidth;
            var bottom = top + latticeWidth;
            for (var x = 0; x < size; x++)
            {
                var left = columns[x];
                var upper = Lerp(lattice[top + left], lattice[top + left + 1], columnWeights[x]);
                var lower = Lerp(lattice[bottom + left], lattice[bottom + left + 1], columnWeights[x]);
                noise[y * size + x] = Lerp(upper, lower, rowWeights[y]);
            }
        }
        return noise;
    }

    /// <summary>Fractal noise: <paramref name="octaves"/> octaves, each with half the cell size and <paramref name="persistence"/> times the amplitude, normalised to about [-1, 1].</summary>
    public static float[] Fractal(int size, float cellSize, int octaves, float persistence, Random random)
    {
        var sum = new float[size * size];
        var (amplitude, totalAmplitude) = (1f, 0f);
        for (var octave = 0; octave < octaves; octave++, cellSize /= 2, amplitude *= persistence)
        {
            AddScaled(sum, Octave(size, cellSize, cellSize, random), amplitude);
            totalAmplitude += amplitude;
        }
        for (var i = 0; i < sum.Length; i++)
            sum[i] /= totalAmplitude;
        return sum;
    }

    /// <summary>target += scale * source, element-wise.</summary>
    public static void AddScaled(float[] target, float[] source, float scale)
    {
        for (var i = 0; i < target.Length; i++)
            target[i] += scale * source[i];
    }

    private static (int[] Cells, float[] Weights) LatticeCoordinates(int size, float cellSize)
    {
        var cells = new int[size];
        var weights = new float[size];
        for (var i = 0; i < size; i++)
        {
            var position = i / cellSize;
            cells[i] = (int)position;
            var fraction = position - cells[i];
            weights[i] = fraction * fraction * (3 - 2 * fraction);
        }
        return (cells, weights);
    }

    private static float Lerp(float from, float to, float weight) => from + (to - from) * weight;
}
