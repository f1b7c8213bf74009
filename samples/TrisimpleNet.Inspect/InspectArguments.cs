namespace TrisimpleNet.Inspect;

/// <summary>The inspection's <c>--model FILE --input IMAGE|FOLDER --output FOLDER</c>.</summary>
public sealed record InspectArguments(string ModelPath, string InputPath, string OutputFolder)
{
    /// <summary>Parses the three required options.</summary>
    /// <exception cref="ArgumentException">An option is unknown, repeated without a value, or missing.</exception>
    public static InspectArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        for (int i = 0; i < args.Count; i += 2)
        {
            if (args[i] is not ("--model" or "--input" or "--output"))
                throw new ArgumentException($"Unknown option '{args[i]}'; expected --model, --input and --output.");
            if (i + 1 >= args.Count)
                throw new ArgumentException($"Option '{args[i]}' needs a value.");
            values[args[i]] = args[i + 1];
        }
        string Required(string option) =>
            values.TryGetValue(option, out var value) ? value : throw new ArgumentException($"Option '{option}' is required.");
        return new InspectArguments(Required("--model"), Required("--input"), Required("--output"));
    }
}
