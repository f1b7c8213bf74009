using TrisimpleNet.Data.Metrics;

namespace TrisimpleNet.Samples;

/// <summary>Draws the per-region-overlap (PRO) curve with ScottPlot, the integration limit of AUPRO shaded.</summary>
public static class ProCurvePlot
{
    /// <summary>Size of the saved PNG in pixels.</summary>
    public const int Width = 480, Height = 400;

    /// <summary>Saves the PRO curve of <paramref name="accumulator"/> to <paramref name="path"/>.</summary>
    public static void Save(string category, AuproAccumulator accumulator, string path)
    {
        var (falsePositiveRates, overlaps) = accumulator.Curve();
        var plot = new ScottPlot.Plot();
        var span = plot.Add.HorizontalSpan(0, accumulator.MaxFalsePositiveRate);
        span.FillStyle.Color = ScottPlot.Colors.Gray.WithAlpha(0.15);
        span.LegendText = $"AUPRO {accumulator.Compute():0.000} (FPR up to {accumulator.MaxFalsePositiveRate:0.0#})";
        var line = plot.Add.Scatter(falsePositiveRates, overlaps);
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.LegendText = "per-region overlap";
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.Title($"PRO: {category}");
        plot.XLabel("false positive rate (pixels)");
        plot.YLabel("mean overlap of defect regions");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        PictureText.Style(plot);
        PlotFile.Save(plot, path, Width, Height);
    }
}
