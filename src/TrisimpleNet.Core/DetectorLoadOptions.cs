using TrisimpleNet.Backbones;

namespace TrisimpleNet;

/// <summary>How <see cref="AnomalyDetector.Load(string, DetectorLoadOptions?)"/> sets up the detector it reads.</summary>
public sealed class DetectorLoadOptions
{
    /// <summary>Torch device to run on ("cpu", "cuda", "cuda:1"); null uses the device the detector was trained on.</summary>
    public string? Device { get; init; }

    /// <summary>
    /// CPU threads for torch, set once while loading (a process-wide setting: the last load or training that sets it
    /// wins); null leaves torch's current setting. Prediction never changes it.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>
    /// On Linux with glibc, keep large native blocks in malloc's heap for reuse (a process-wide setting, applied once;
    /// see <see cref="TrisimpleNetOptions.ReuseNativeMemory"/>). Default true.
    /// </summary>
    public bool ReuseNativeMemory { get; init; } = true;

    /// <summary>Images per backbone forward pass when predicting; null uses the value the detector was trained with.</summary>
    public int? InferenceBatchSize { get; init; }

    /// <summary>Rebuilds the backbone from its descriptor; null uses <see cref="Backbone.Create"/> (the packaged ResNet18 or the state-dict file, checked by SHA-256).</summary>
    public Func<BackboneDescriptor, IBackbone>? BackboneFactory { get; init; }
}
