namespace TrisimpleNet.WebApi;

/// <summary>What POST /score answers: the raw image score, the decision (score &gt;= threshold) and the normalised score.</summary>
public sealed record ScoreResponse(string Name, float Score, bool IsAnomalous, float NormalizedScore, float Threshold)
{
    /// <summary>The response for <paramref name="prediction"/>.</summary>
    public static ScoreResponse From(AnomalyPrediction prediction) =>
        new(prediction.Name, prediction.Score, prediction.IsAnomalous, prediction.NormalizedScore, prediction.Decisions.ImageThreshold);
}
