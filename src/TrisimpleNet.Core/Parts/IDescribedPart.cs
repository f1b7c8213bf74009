namespace TrisimpleNet.Parts;

/// <summary>
/// A part that describes itself, so a detector containing it can be saved: register a factory for
/// <see cref="PartSpec.Name"/> with <see cref="PartFactories.Register{TPart}"/> to load it again.
/// The adaptor's and discriminator's trained weights are saved from their networks' state dicts, not from the spec.
/// </summary>
public interface IDescribedPart
{
    /// <summary>What the part's factory needs to build it again.</summary>
    PartSpec Spec { get; }
}
