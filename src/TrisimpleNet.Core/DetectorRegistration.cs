namespace TrisimpleNet;

/// <summary>A detector registered with <c>services.AddTrisimpleNetDetector(name, modelPath)</c>, as named options validated at start.</summary>
public sealed class DetectorRegistration
{
    /// <summary>The saved detector file.</summary>
    public string ModelPath { get; set; } = "";
}
