namespace TrisimpleNet.Data.Metrics;

/// <summary>Widens float32 scores to double, which is exact, so float and double scores share one implementation.</summary>
internal static class ScoreConversion
{
    public static double[] ToDouble(ReadOnlySpan<float> scores)
    {
        var widened = new double[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            widened[i] = scores[i];
        }

        return widened;
    }
}
