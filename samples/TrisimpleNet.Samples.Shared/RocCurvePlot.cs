using TrisimpleNet.Data.Metrics;

namespace TrisimpleNet.Samples;

/// <summary>Draws an image-level ROC curve with ScottPlot and saves it as a PNG.</summary>
public static class RocCurvePlot
{
    /// <summary>Size of the saved PNG in pixels.</summary>
    public const int Width = 480, Height = 400;

    /// <summary>Saves the ROC curve of <paramref name="scores"/> (anomalous labels are positive) titled with <paramref name="category"/>.</summary>
    public static void Save(string category, IReadOnlyList<float> scores, IReadOnlyList<bool> labels, string path)
    {
        var curve = RocCurve.Of(scores, labels);
        var plot = new ScottPlot.Plot();
        var line = plot.Add.Scatter(curve.FalsePositiveRates, curve.TruePositiveRates);
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.LegendText = $"image AUROC {Auroc.Compute(scores.ToArray(), labels.ToArray()):0.000}";
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = ScottPlot.LinePattern.Dashed;
        chance.Color = ScottPlot.Colors.Gray;
        plot.Axes.SetLimits(0, 1, 0, 1.02);
        plot.Title($"ROC: {category}");
        plot.XLabel("false positive rate");
        plot.YLabel("true positive rate");
        plot.ShowLegend(ScottPlot.Alignment.LowerRight);
        PictureText.Style(plot);
        PlotFile.Save(plot, path, Width, Height);
    }
}
