using Spectre.Console;

namespace TrisimpleNet.Quickstart;

/// <summary>Spectre.Console progress bars, one per step, for an interactive console; notes are finished bars of their own.</summary>
public sealed class SpectreStepDisplay(ProgressContext context) : IStepDisplay
{
    /// <summary>Runs <paramref name="work"/> with bars on the console and returns what it returns.</summary>
    public static T Run<T>(Func<IStepDisplay, T> work) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 12 }, new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context => work(new SpectreStepDisplay(context)));

    /// <inheritdoc />
    public void Note(string text)
    {
        var task = context.AddTask(Markup.Escape(text), maxValue: 1);
        task.Value = 1;
        task.StopTask();
    }

    /// <inheritdoc />
    public IStep Start(string description, int? total)
    {
        var task = context.AddTask(Markup.Escape(description), maxValue: total ?? 1);
        task.IsIndeterminate = total is null;
        return new Step(task, description);
    }

    private sealed class Step(ProgressTask task, string description) : IStep
    {
        public void Report(int done, string? detail = null)
        {
            task.Value = done;
        }

        public void Complete(string summary)
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            task.Description = Markup.Escape($"{description}: {summary}");
            task.StopTask();
        }
    }
}
