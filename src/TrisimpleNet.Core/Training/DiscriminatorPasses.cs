namespace TrisimpleNet.Training;

/// <summary>How a TrisimpleNet training step sends its rows through the discriminator, which decides what BatchNorm normalises together.</summary>
public enum DiscriminatorPasses
{
    /// <summary>q, q- and q' in one pass, BatchNorm over all of them (eq. 3.8-3.9, the default).</summary>
    Joint,
    /// <summary>
    /// Two passes, (q, q-) and (q, q'), so that BatchNorm sees each pair alone; the truncated L1 and margin terms use
    /// the first pass, the pull term the second (<see cref="Losses.TripletScores"/>). The ResNet18 preset's choice: ahead
    /// of one joint pass on all three validation sets for every seed (docs/results.md, study 11).
    /// </summary>
    PerPair,
}
