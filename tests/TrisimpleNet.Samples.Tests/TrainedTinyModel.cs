using TrisimpleNet.Quickstart;

namespace TrisimpleNet.Samples.Tests;

/// <summary>The tiny quickstart run once for a test class: its generated grainy_stone category and the model trained on it.</summary>
public sealed class TrainedTinyModel : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-tiny-model-").FullName;

    public TrainedTinyModel()
    {
        var console = new StringWriter();
        int exitCode = QuickstartRun.Run(TinyQuickstart.Settings(Path.Combine(_folder, "quickstart")), console);
        if (exitCode != 0) throw new InvalidOperationException($"The tiny quickstart failed: {console}");
    }

    /// <summary>The saved detector.</summary>
    public string ModelPath => Path.Combine(_folder, "quickstart", "grainy_stone", "model.tsn");

    /// <summary>The MVTec-layout category folder the model was trained on.</summary>
    public string CategoryFolder => Path.Combine(_folder, "quickstart", "data", "grainy_stone");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
