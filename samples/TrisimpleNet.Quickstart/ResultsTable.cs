using System.Globalization;
using System.Text;

namespace TrisimpleNet.Quickstart;

/// <summary>The quickstart's plain-text summary: one line per category.</summary>
public static class ResultsTable
{
    /// <summary>Category, image AUROC, pixel AUROC, AUPRO (percent), training seconds and inference images per second.</summary>
    public static string Format(IReadOnlyList<CategoryResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(Row("category", "image AUROC", "pixel AUROC", "AUPRO", "train s", "images/s"));
        foreach (var result in results)
        {
            var evaluation = result.Evaluation;
            text.AppendLine(Row(evaluation.Category, Percent(evaluation.ImageAuroc), Percent(evaluation.PixelAuroc),
                Percent(evaluation.Aupro), result.TrainSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                evaluation.InferenceImagesPerSecond.ToString("0.0", CultureInfo.InvariantCulture)));
        }
        return text.ToString().TrimEnd();
    }

    private static string Percent(double? fraction) =>
        fraction is double value ? (100 * value).ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string Row(string category, params string[] values) =>
        category.PadRight(16) + string.Concat(values.Select(value => value.PadLeft(13)));
}
