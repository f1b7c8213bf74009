namespace TrisimpleNet.Losses;

/// <summary>Which terms of eq. 3.11 the triplet loss sums; only the default is the paper's method, the others are ablations.</summary>
public enum TripletTerms
{
    /// <summary>The margin between normal and fake-anomaly scores plus the pull of fake normals (the paper's eq. 3.11).</summary>
    MarginAndPull,
    /// <summary>The margin term alone (ablation).</summary>
    MarginOnly,
    /// <summary>The pull term alone (ablation).</summary>
    PullOnly,
}
