namespace TrisimpleNet.Samples;

/// <summary>Draws the image scores of normal and defective images (or of unlabelled ones) as histograms on shared bins, with the threshold as a vertical line.</summary>
public static class ScoreHistogramPlot
{
    /// <summary>Size of the saved PNG in pixels.</summary>
    public const int Width = 480, Height = 400;

    private const int BinCount = 30;

    /// <summary>Saves the histogram of <paramref name="images"/>' scores to <paramref name="path"/>.</summary>
    public static void Save(string category, IReadOnlyList<ScoredImage> images, float threshold, string path)
    {
        double low = Math.Min(images.Min(image => image.Score), threshold), high = Math.Max(images.Max(image => image.Score), threshold);
        if (high <= low) high = low + 1;
        var plot = new ScottPlot.Plot();
        var groups = new (string Label, bool? IsAnomalous, ScottPlot.Color Colour)[]
        {
            ("normal", false, ScottPlot.Colors.SteelBlue),
            ("defect", true, ScottPlot.Colors.OrangeRed),
            ("unlabelled", null, ScottPlot.Colors.Gray),
        };
        foreach (var (label, isAnomalous, colour) in groups)
        {
            var scores = images.Where(image => image.IsAnomalous == isAnomalous).Select(image => (double)image.Score).ToList();
            if (scores.Count == 0) continue;
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(BinCount, low, high);
            histogram.AddRange(scores);
            var bars = plot.Add.Histogram(histogram);
            bars.BarWidthFraction = 1;
            plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = $"{label} ({scores.Count})", FillColor = colour.WithAlpha(0.55) });
            foreach (var bar in bars.Bars)
            {
                bar.FillColor = colour.WithAlpha(0.55);
                bar.LineWidth = 0;
            }
        }
        var line = plot.Add.VerticalLine(threshold);
        line.Color = ScottPlot.Colors.Black;
        line.LineWidth = 2;
        line.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem
        {
            LabelText = $"threshold {threshold:0.###}", LineColor = ScottPlot.Colors.Black, LineWidth = 2, LinePattern = ScottPlot.LinePattern.Dashed,
        });
        plot.Axes.Margins(bottom: 0);
        plot.Title($"Image scores: {category}");
        plot.XLabel("image score");
        plot.YLabel("images");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        PictureText.Style(plot);
        PlotFile.Save(plot, path, Width, Height);
    }
}
