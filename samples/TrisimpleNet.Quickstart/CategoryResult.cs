using TrisimpleNet.Data.Evaluation;

namespace TrisimpleNet.Quickstart;

/// <summary>One category's evaluation and the seconds its training took.</summary>
public sealed record CategoryResult(CategoryEvaluation Evaluation, double TrainSeconds);
