using TrisimpleNet.Benchmarks;

namespace TrisimpleNet.Samples.Tests;

/// <summary>
/// The command line of the performance benchmarks (tests/TrisimpleNet.Benchmarks): a subcommand with the typed options
/// it takes, --help, and errors that name the option, before anything runs.
/// </summary>
public sealed class BenchmarksCommandLineTests
{
    private static (int ExitCode, BenchmarkArguments? Arguments, string Output, string Error) Invoke(params string[] args)
    {
        BenchmarkArguments? given = null;
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = BenchmarkCommandLine.Invoke(args, arguments =>
        {
            given = arguments;
            return 0;
        }, output, error);
        return (exitCode, given, output.ToString(), error.ToString());
    }

    [Fact]
    public void TheOptionsGivenReachTheSubcommandWhichSuppliesTheOthersDefaults()
    {
        var (exitCode, arguments, _, error) = Invoke("train-step", "--input", "64", "--precision", "bfloat16");

        Assert.True(exitCode == 0, error);
        Assert.Equal("train-step", arguments!.Subcommand);
        Assert.Equal(64, arguments.Int("input", 288));
        Assert.Equal(ComputePrecision.BFloat16, arguments.Enum("precision", ComputePrecision.Float32));
        Assert.Equal(20, arguments.Int("steps", 20));
        Assert.Equal("TrisimpleNet.Benchmarks train-step --input 64 --precision bfloat16", arguments.Command);
    }

    [Fact]
    public void HelpListsTheSubcommandsOptionsAndRunsNothing()
    {
        var (exitCode, arguments, output, _) = Invoke("inference", "--help");

        Assert.Equal(0, exitCode);
        Assert.Null(arguments);
        Assert.All(new[] { "--input", "--batch", "--source", "--hidden", "--pairs", "--output", "--threads" }, option => Assert.Contains(option, output));
        Assert.DoesNotContain("--cache-images", output);
    }

    [Fact]
    public void AnOptionOfAnotherSubcommandIsAnError()
    {
        var (exitCode, arguments, _, error) = Invoke("threads", "--steps", "3");

        Assert.Equal(2, exitCode);
        Assert.Null(arguments);
        Assert.Contains("--steps", error);
    }

    [Theory]
    [InlineData("inference", "--batch", "0", "--batch must be an integer of at least 1, not 0.")]
    [InlineData("inference", "--batch", "eight", "eight")]
    [InlineData("threads", "--counts", "1,x", "--counts must be a comma list of positive integers, not '1,x'.")]
    [InlineData("train-step", "--precision", "half", "half")]
    [InlineData("all", "--native-heap", "huge", "huge")]
    public void ABadValueIsAnErrorNamingIt(string subcommand, string option, string value, string expected)
    {
        var (exitCode, arguments, _, error) = Invoke(subcommand, option, value);

        Assert.Equal(2, exitCode);
        Assert.Null(arguments);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void ASubcommandIsRequired()
    {
        var (exitCode, arguments, _, error) = Invoke("--output", "results");

        Assert.Equal(2, exitCode);
        Assert.Null(arguments);
        Assert.NotEqual("", error);
    }
}
