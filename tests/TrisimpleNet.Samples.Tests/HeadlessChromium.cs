using System.Diagnostics;

namespace TrisimpleNet.Samples.Tests;

/// <summary>Renders a local HTML file in headless Chromium (Debian's chromium package) and returns the DOM after its scripts ran.</summary>
public static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The serialised DOM of <paramref name="htmlPath"/> after load (scripts get 5 s of virtual time).</summary>
    /// <exception cref="InvalidOperationException">Chromium is not installed, failed or did not finish.</exception>
    public static string DumpDom(string htmlPath)
    {
        var profile = Directory.CreateTempSubdirectory("trisimplenet-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo("chromium")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--virtual-time-budget=5000",
                "--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)
                ?? throw new InvalidOperationException("chromium did not start; install Debian's chromium package (.ci/run does).");
            var dom = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"chromium did not finish rendering '{htmlPath}' within {Timeout.TotalMinutes} minutes.");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {errors.Result}");
            return dom.Result;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
