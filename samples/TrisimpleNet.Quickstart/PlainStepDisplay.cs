namespace TrisimpleNet.Quickstart;

/// <summary>A plain line per step for redirected output and logs: when a step starts, for each detailed report, and when it ends.</summary>
public sealed class PlainStepDisplay(TextWriter output) : IStepDisplay
{
    /// <inheritdoc />
    public void Note(string text) => output.WriteLine(text);

    /// <inheritdoc />
    public IStep Start(string description, int? total)
    {
        output.WriteLine(description);
        return new Step(output, description, total);
    }

    private sealed class Step(TextWriter output, string description, int? total) : IStep
    {
        public void Report(int done, string? detail = null)
        {
            if (detail is not null) output.WriteLine($"{description}: {done}{(total is int all ? $"/{all}" : "")} {detail}");
        }

        public void Complete(string summary) => output.WriteLine($"{description}: {summary}");
    }
}
