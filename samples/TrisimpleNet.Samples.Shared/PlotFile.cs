using TrisimpleNet.Data.Reports;

namespace TrisimpleNet.Samples;

/// <summary>Saves ScottPlot plots as PNG files atomically.</summary>
public static class PlotFile
{
    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/> x <paramref name="height"/> pixels to <paramref name="path"/>.</summary>
    public static void Save(ScottPlot.Plot plot, string path, int width, int height)
    {
        var png = plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
