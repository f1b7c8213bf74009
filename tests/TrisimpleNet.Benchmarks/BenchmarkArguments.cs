namespace TrisimpleNet.Benchmarks;

/// <summary>
/// The command line: a subcommand followed by <c>--name value</c> pairs. Every option must be read by the
/// subcommand; <see cref="ThrowIfUnread"/> names any that were not, so a typo never passes silently.
/// </summary>
public sealed class BenchmarkArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public BenchmarkArguments(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException("The first argument must be a subcommand.");
        Subcommand = args[0];
        for (int i = 1; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"Expected '--name value', got '{args[i]}'.");
            _values[args[i][2..]] = args[i + 1];
        }
        Command = "TrisimpleNet.Benchmarks " + string.Join(' ', args);
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

    public int Int(string name, int defaultValue) => int.Parse(Text(name, defaultValue.ToString()));

    public int? OptionalInt(string name) => _values.ContainsKey(name) ? Int(name, 0) : Mark(name);

    public int[] Ints(string name, params int[] defaultValues) =>
        Text(name, string.Join(',', defaultValues)).Split(',').Select(int.Parse).ToArray();

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
