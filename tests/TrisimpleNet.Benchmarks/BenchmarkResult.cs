using System.Text.Json.Serialization;

namespace TrisimpleNet.Benchmarks;

/// <summary>One subcommand's measurement: where and how it ran, its figures (JSON) and its Markdown section body.</summary>
public sealed record BenchmarkResult(
    string Subcommand,
    string Command,
    MachineInfo Machine,
    int TorchThreads,
    DateTimeOffset FinishedAt,
    object Results,
    [property: JsonIgnore] string MarkdownBody)
{
    /// <summary>The section of performance.md: heading, command, machine, figures.</summary>
    public string Markdown() =>
        $"## {Subcommand}\n\n`{Command}`\n\n{Machine}; torch threads {TorchThreads}; finished {FinishedAt:u}.\n\n{MarkdownBody.TrimEnd()}\n";
}
