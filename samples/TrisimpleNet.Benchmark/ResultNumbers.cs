using System.Globalization;
using TrisimpleNet.Data.Statistics;

namespace TrisimpleNet.Benchmark;

/// <summary>How results.md and report.html show the numbers of results.json: percentages with one decimal, intervals in brackets, invariant culture.</summary>
public static class ResultNumbers
{
    /// <summary>The display name of a mode as results.json spells it, for example "trisimplenet" as "TrisimpleNet".</summary>
    public static string ModeName(string mode) => Enum.Parse<BenchmarkMode>(mode, ignoreCase: true).ToString();

    /// <summary>A fraction as a percentage with one decimal, or "-" when absent.</summary>
    public static string Percent(double? value) => value is double fraction ? Invariant($"{100 * fraction:0.0}") : "-";

    /// <summary>A fraction and its interval as percentages: "97.1 [94.0, 99.2]", or the fraction alone without an interval.</summary>
    public static string Percent(double value, ConfidenceInterval? interval) =>
        Interval(100 * value, 100 * interval?.Lower, 100 * interval?.Upper, "0.0");

    /// <summary>A mean over seeds as a percentage with its t-interval, or "-" when absent.</summary>
    public static string Percent(MeanOverSeeds? value) => value is null ? "-" : Interval(value.Mean * 100, value.Lower * 100, value.Upper * 100, "0.0");

    /// <summary>A mean over seeds in <paramref name="format"/> with its t-interval.</summary>
    public static string Plain(MeanOverSeeds value, string format) => Interval(value.Mean, value.Lower, value.Upper, format);

    /// <summary><paramref name="text"/> formatted in the invariant culture.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Interval(double mean, double? lower, double? upper, string format) =>
        lower is double low && upper is double high
            ? $"{Format(mean, format)} [{Format(low, format)}, {Format(high, format)}]"
            : Format(mean, format);

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
