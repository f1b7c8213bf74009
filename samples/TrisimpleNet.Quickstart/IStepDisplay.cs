namespace TrisimpleNet.Quickstart;

/// <summary>Shows the quickstart's long steps (feature extraction, epochs, evaluation) and notes as they happen.</summary>
public interface IStepDisplay
{
    /// <summary>Shows a one-off note, for example where the data is generated.</summary>
    void Note(string text);

    /// <summary>Starts a step of <paramref name="total"/> units, or of unknown length when null.</summary>
    IStep Start(string description, int? total);
}

/// <summary>A step in progress.</summary>
public interface IStep
{
    /// <summary><paramref name="done"/> units are done; <paramref name="detail"/> (for example an epoch's loss) is worth a line of its own.</summary>
    void Report(int done, string? detail = null);

    /// <summary>The step is finished; <paramref name="summary"/> says how it went.</summary>
    void Complete(string summary);
}
