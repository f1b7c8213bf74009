using System.Diagnostics;
using System.Text;

namespace TrisimpleNet.Packaging.Tests;

/// <summary>
/// Runs the dotnet CLI as a user would, with a time limit: no build servers or reused nodes (they would outlive the
/// test and hold its output pipes open), and without the MSBuild variables of the `dotnet test` that runs the tests.
/// </summary>
internal static class DotnetCommand
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> and returns its
    /// output; a non-zero exit code or a run longer than <paramref name="timeLimit"/> fails with the whole output.</summary>
    public static string Run(string workingDirectory, TimeSpan timeLimit, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(IsInheritedBuildVariable).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string command = $"dotnet {string.Join(' ', arguments)}";
        if (!process.WaitForExit(timeLimit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{command}' in {workingDirectory} ran longer than {timeLimit}; output:\n{Text(output)}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{command}' in {workingDirectory} exited with {process.ExitCode}; output:\n{Text(output)}");
        return Text(output);
    }

    private static bool IsInheritedBuildVariable(string name) =>
        name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase);

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
