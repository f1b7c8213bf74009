namespace TrisimpleNet.Data.Reports;

/// <summary>How the Markdown table shows numbers: values are multiplied by <see cref="Scale"/> (100 shows AUROC in percent, as the paper does) and rounded to <see cref="Decimals"/>.</summary>
public sealed record ResultTableFormat(double Scale = 100, int Decimals = 1);
