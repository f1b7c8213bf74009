using System.Diagnostics;

namespace TrisimpleNet.Samples.Tests;

/// <summary>
/// Runs a sample program built next to the tests as a child process, so that everything it writes to its standard
/// output and error, native libraries' writes included, is captured (<see cref="Console.SetError"/> sees only .NET's).
/// </summary>
public static class SampleProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <paramref name="program"/> (for example TrisimpleNet.Inspect) with <paramref name="arguments"/>.</summary>
    public static (int ExitCode, string Output, string Errors) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? program + ".exe" : program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within {Timeout.TotalMinutes} minutes.");
        }
        return (process.ExitCode, output.Result, errors.Result);
    }
}
