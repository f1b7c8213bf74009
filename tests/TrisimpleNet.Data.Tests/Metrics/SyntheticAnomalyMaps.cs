namespace TrisimpleNet.Data.Tests.Metrics;

/// <summary>
/// Deterministic anomaly maps shaped like a detector's output: coarse patch scores upsampled bilinearly, higher inside
/// a rectangular defect, optionally quantised to a few hundred levels to create heavy ties.
/// </summary>
internal sealed class SyntheticAnomalyMaps(int seed, int size, int patchGrid, int quantisationLevels)
{
    private readonly Random random = new(seed);

    /// <summary>Writes the next map and its defect mask, each of size x size pixels, into the given arrays.</summary>
    public void Fill(float[] scores, bool[] mask)
    {
        var patchScores = new float[patchGrid * patchGrid];
        for (int i = 0; i < patchScores.Length; i++)
        {
            patchScores[i] = (float)random.NextDouble();
        }

        int defectSize = random.Next(size / 16, size / 4);
        int defectTop = random.Next(size - defectSize);
        int defectLeft = random.Next(size - defectSize);
        bool hasDefect = random.Next(3) > 0;
        for (int row = 0; row < size; row++)
        {
            for (int column = 0; column < size; column++)
            {
                int pixel = row * size + column;
                mask[pixel] = hasDefect && row >= defectTop && row < defectTop + defectSize && column >= defectLeft && column < defectLeft + defectSize;
                float score = Bilinear(patchScores, (float)row / size * (patchGrid - 1), (float)column / size * (patchGrid - 1)) + (mask[pixel] ? 0.3f : 0f);
                scores[pixel] = quantisationLevels > 0 ? MathF.Round(score * quantisationLevels) / quantisationLevels : score;
            }
        }
    }

    private float Bilinear(float[] patchScores, float y, float x)
    {
        int top = (int)y;
        int left = (int)x;
        int bottom = Math.Min(top + 1, patchGrid - 1);
        int right = Math.Min(left + 1, patchGrid - 1);
        float dy = y - top;
        float dx = x - left;
        float upper = patchScores[top * patchGrid + left] * (1 - dx) + patchScores[top * patchGrid + right] * dx;
        float lower = patchScores[bottom * patchGrid + left] * (1 - dx) + patchScores[bottom * patchGrid + right] * dx;
        return upper * (1 - dy) + lower * dy;
    }
}
