using TrisimpleNet.Losses;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Parts;

public class LossTests
{
    [Fact]
    public void TruncatedL1AveragesTheHingeOfEachSide()
    {
        using var normal = tensor(new float[] { 0.7f, 0.2f });
        using var anomalous = tensor(new float[] { -0.6f, 0.1f });
        using var loss = new TruncatedL1Loss(0.5, -0.5).Compute(normal, anomalous);
        // normal: mean(max(0, 0.5 - 0.7), max(0, 0.5 - 0.2)) = 0.15; anomalous: mean(0, 0.6) = 0.3
        Assert.Equal(0.45, loss.item<float>(), 6);
    }

    [Fact]
    public void TruncatedL1IsZeroWhenEveryScoreIsBeyondItsThreshold()
    {
        using var normal = tensor(new float[] { 0.5f, 3f });
        using var anomalous = tensor(new float[] { -0.5f, -2f });
        using var loss = new TruncatedL1Loss().Compute(normal, anomalous);
        Assert.Equal(0f, loss.item<float>());
    }

    [Fact]
    public void WithTheResNet18PresetsThresholdsEveryScoreOfTheUsualRangeIsPushed()
    {
        // Scores a few units apart, as the preset's training reaches: none is past +-1000, so each normal score's
        // gradient is -1/n and each fake-anomaly score's +1/n, where the paper's +-0.5 leave several at 0.
        var options = TrisimpleNetOptions.ResNet18();
        using var normal = tensor(new float[] { -3, 0.2f, 0.7f, 6 }).requires_grad_();
        using var anomalous = tensor(new float[] { -5, -0.7f, 0.1f, 2 }).requires_grad_();
        using var loss = new TruncatedL1Loss(options.PositiveThreshold, options.NegativeThreshold).Compute(normal, anomalous);
        loss.backward();

        Assert.Equal(new float[] { -0.25f, -0.25f, -0.25f, -0.25f }, normal.grad!.data<float>().ToArray());
        Assert.Equal(new float[] { 0.25f, 0.25f, 0.25f, 0.25f }, anomalous.grad!.data<float>().ToArray());
        using var paperNormal = normal.detach().clone().requires_grad_();
        using var paperAnomalous = anomalous.detach().clone().requires_grad_();
        using var paperLoss = new TruncatedL1Loss(0.5, -0.5).Compute(paperNormal, paperAnomalous);
        paperLoss.backward();
        Assert.Equal(new float[] { -0.25f, -0.25f, 0, 0 }, paperNormal.grad!.data<float>().ToArray());
        Assert.Equal(new float[] { 0, 0, 0.25f, 0.25f }, paperAnomalous.grad!.data<float>().ToArray());
    }

    [Fact]
    public void TripletLossAddsTheMarginHingeAndThePullOfFakeNormals()
    {
        using var normal = tensor(new float[] { 1.0f, 0.2f });
        using var anomalous = tensor(new float[] { -0.5f, 0.0f });
        using var fakeNormal = tensor(new float[] { 0.9f, 0.4f });
        using var loss = new TripletLoss(1.0).Compute(TripletScores.FromOnePass(normal, anomalous, fakeNormal));
        // margin: mean(max(0, 1 - 1.5), max(0, 1 - 0.2)) = 0.4; pull: mean(|0.1|, |-0.2|) = 0.15
        Assert.Equal(0.55, loss.item<float>(), 6);
    }

    [Fact]
    public void TripletLossMarginOnlyLeavesOutThePull()
    {
        using var normal = tensor(new float[] { 1.0f, 0.2f });
        using var anomalous = tensor(new float[] { -0.5f, 0.0f });
        using var fakeNormal = tensor(new float[] { 0.9f, 0.4f });
        using var loss = new TripletLoss(1.0, TripletTerms.MarginOnly).Compute(TripletScores.FromOnePass(normal, anomalous, fakeNormal));
        Assert.Equal(0.4, loss.item<float>(), 6);
    }

    [Fact]
    public void TripletLossPullOnlyLeavesOutTheMargin()
    {
        using var normal = tensor(new float[] { 1.0f, 0.2f });
        using var anomalous = tensor(new float[] { -0.5f, 0.0f });
        using var fakeNormal = tensor(new float[] { 0.9f, 0.4f });
        using var loss = new TripletLoss(1.0, TripletTerms.PullOnly).Compute(TripletScores.FromOnePass(normal, anomalous, fakeNormal));
        Assert.Equal(0.15, loss.item<float>(), 6);
    }

    [Fact]
    public void TripletLossCanPullFakeNormalsOntoTheFakeAnomalyScore()
    {
        using var normal = tensor(new float[] { 1.0f, 0.2f });
        using var anomalous = tensor(new float[] { -0.5f, 0.0f });
        using var fakeNormal = tensor(new float[] { 0.9f, 0.4f });
        using var loss = new TripletLoss(1.0, pullTarget: PullTarget.FakeAnomaly).Compute(TripletScores.FromOnePass(normal, anomalous, fakeNormal));
        // margin 0.4; pull: mean(|-0.5 - 0.9|, |0.0 - 0.4|) = 0.9
        Assert.Equal(1.3, loss.item<float>(), 6);
    }

    [Fact]
    public void TripletLossOfTwoPassesPullsOntoTheSecondPassNormals()
    {
        using var normal = tensor(new float[] { 1.0f, 0.2f });
        using var anomalous = tensor(new float[] { -0.5f, 0.0f });
        using var normalBesideFakeNormals = tensor(new float[] { 0.5f, 0.6f });
        using var fakeNormal = tensor(new float[] { 0.9f, 0.4f });
        using var loss = new TripletLoss(1.0).Compute(new TripletScores(normal, anomalous, normalBesideFakeNormals, fakeNormal));
        // margin 0.4 (first pass); pull: mean(|0.5 - 0.9|, |0.6 - 0.4|) = 0.3
        Assert.Equal(0.7, loss.item<float>(), 6);
    }

    [Fact]
    public void ThresholdsInTheWrongOrderAreRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new TruncatedL1Loss(-0.5, 0.5));
        Assert.Equal("negativeThreshold", error.ParamName);
    }
}
