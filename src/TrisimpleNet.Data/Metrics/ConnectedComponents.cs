namespace TrisimpleNet.Data.Metrics;

/// <summary>
/// Labels the connected regions of a binary mask with 8-connectivity (pixels touching by an edge or a corner belong
/// to one region), like <c>scipy.ndimage.label</c> with a 3x3 structure of ones.
/// </summary>
internal static class ConnectedComponents
{
    /// <summary>
    /// Writes 0 for background and 1..n for the n regions into <paramref name="regionLabels"/>, and returns the area of
    /// each region: element k - 1 is the pixel count of region k.
    /// </summary>
    public static List<int> Label(ReadOnlySpan<bool> mask, int width, Span<int> regionLabels)
    {
        int height = mask.Length / width;
        regionLabels.Clear();
        var areas = new List<int>();
        var pending = new Stack<int>();
        for (int seed = 0; seed < mask.Length; seed++)
        {
            if (!mask[seed] || regionLabels[seed] != 0)
            {
                continue;
            }

            int region = areas.Count + 1;
            int area = 0;
            regionLabels[seed] = region;
            pending.Push(seed);
            while (pending.TryPop(out int pixel))
            {
                area++;
                int row = pixel / width;
                int column = pixel % width;
                for (int neighbourRow = Math.Max(row - 1, 0); neighbourRow <= Math.Min(row + 1, height - 1); neighbourRow++)
                {
                    for (int neighbourColumn = Math.Max(column - 1, 0); neighbourColumn <= Math.Min(column + 1, width - 1); neighbourColumn++)
                    {
                        int neighbour = neighbourRow * width + neighbourColumn;
                        if (mask[neighbour] && regionLabels[neighbour] == 0)
                        {
                            regionLabels[neighbour] = region;
                            pending.Push(neighbour);
                        }
                    }
                }
            }

            areas.Add(area);
        }

        return areas;
    }
}
