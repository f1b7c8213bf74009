namespace TrisimpleNet.Losses;

/// <summary>
/// Whose score the triplet term pulls the fake normal's score onto. eq. 3.11 can be read either way; the default is
/// the reading docs/method.md argues for, the other is kept for the ablation.
/// </summary>
public enum PullTarget
{
    /// <summary>|D(q) - D(q')|: fake normals are pulled onto the normal score (the default reading).</summary>
    Normal,
    /// <summary>|D(q-) - D(q')|: the alternative reading of eq. 3.11 (ablation).</summary>
    FakeAnomaly,
}
