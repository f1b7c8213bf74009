using System.Globalization;

namespace TrisimpleNet.Benchmarks;

/// <summary>
/// The options given to a subcommand (parsed and type-checked by <see cref="BenchmarkCommandLine"/>), read by name
/// with the subcommand's defaults. Every option given must be read; <see cref="ThrowIfUnread"/> names any that were
/// not, so an option a subcommand declares but ignores never passes silently.
/// </summary>
public sealed class BenchmarkArguments
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <param name="subcommand">The subcommand.</param>
    /// <param name="values">The options given, by name without dashes, as typed.</param>
    /// <param name="command">The command line as typed.</param>
    public BenchmarkArguments(string subcommand, IReadOnlyDictionary<string, string> values, string command)
    {
        Subcommand = subcommand;
        _values = values;
        Command = command;
    }

    /// <summary>matmul, train-step, inference, threads, growth, cache-memory, metric-memory or all.</summary>
    public string Subcommand { get; }

    /// <summary>The command line as typed, for the reports.</summary>
    public string Command { get; }

    public string Text(string name, string defaultValue)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name, defaultValue);
    }

    public int Int(string name, int defaultValue) => int.Parse(Text(name, defaultValue.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public int? OptionalInt(string name) => _values.ContainsKey(name) ? Int(name, 0) : Mark(name);

    public int[] Ints(string name, params int[] defaultValues) =>
        Text(name, string.Join(',', defaultValues)).Split(',').Select(value => int.Parse(value, CultureInfo.InvariantCulture)).ToArray();

    public T Enum<T>(string name, T defaultValue) where T : struct, System.Enum =>
        System.Enum.Parse<T>(Text(name, defaultValue.ToString()).Replace("-", ""), ignoreCase: true);

    public void ThrowIfUnread()
    {
        var unread = _values.Keys.Where(name => !_read.Contains(name)).ToArray();
        if (unread.Length > 0)
            throw new ArgumentException($"Subcommand '{Subcommand}' does not take {string.Join(", ", unread.Select(n => "--" + n))}.");
    }

    private int? Mark(string name)
    {
        _read.Add(name);
        return null;
    }
}
