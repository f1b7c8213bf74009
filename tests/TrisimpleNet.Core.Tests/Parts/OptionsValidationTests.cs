using Microsoft.Extensions.Options;

namespace TrisimpleNet.Core.Tests.Parts;

public class OptionsValidationTests
{
    [Fact]
    public void PresetsAreValid()
    {
        var validator = new TrisimpleNetOptionsValidator();
        Assert.True(validator.Validate(null, TrisimpleNetOptions.ResNet18()).Succeeded);
        Assert.True(validator.Validate(null, TrisimpleNetOptions.Paper("wrn50.pth")).Succeeded);
        Assert.True(validator.Validate(null, TrisimpleNetOptions.SimpleNet("wrn50.pth")).Succeeded);
    }

    [Fact]
    public void FakeNormalSigmaMustBeSmallerThanFakeAnomalySigma()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.FakeNormalSigma = options.FakeAnomalySigma;
        var result = new TrisimpleNetOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("FakeNormalSigma", result.FailureMessage);
    }

    [Fact]
    public void PaperBackboneWithoutWeightsNamesTheOption()
    {
        var error = Assert.Throws<OptionsValidationException>(() => TrisimpleNetOptionsValidator.ThrowIfInvalid(new TrisimpleNetOptions()));
        Assert.Contains("BackboneWeightsPath", error.Message);
    }

    [Fact]
    public void UnknownLayerIsNamed()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.Layers = ["layer2", "layer5"];
        var error = Assert.Throws<OptionsValidationException>(() => TrisimpleNetOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains("layer5", error.Message);
    }

    [Fact]
    public void InputHeightWithoutWidthIsRejected()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.InputHeight = 256;
        var error = Assert.Throws<OptionsValidationException>(() => TrisimpleNetOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains("InputWidth", error.Message);
    }

    [Fact]
    public void ANegativeFeatureCacheMemoryBudgetIsRefusedNamingTheOption()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.FeatureCacheMemoryBudget = -1;
        var error = Assert.Throws<OptionsValidationException>(() => TrisimpleNetOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains("FeatureCacheMemoryBudget is -1", error.Message);
    }

    [Fact]
    public void AFeatureCacheMemoryBudgetOfZeroIsValid()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.FeatureCacheMemoryBudget = 0;
        Assert.True(new TrisimpleNetOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void AMissingFeatureCacheFolderIsRefusedNamingTheOptionAndTheFolder()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.FeatureCacheFolder = Path.Combine(Path.GetTempPath(), "trisimplenet-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<OptionsValidationException>(() => TrisimpleNetOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains($"FeatureCacheFolder '{options.FeatureCacheFolder}'", error.Message);
    }

    [Fact]
    public void AFileNamedAsFeatureCacheFolderIsRefused()
    {
        var options = TrisimpleNetOptions.ResNet18();
        options.FeatureCacheFolder = typeof(OptionsValidationTests).Assembly.Location;
        var error = Assert.Throws<OptionsValidationException>(() => TrisimpleNetOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains("FeatureCacheFolder", error.Message);
    }
}
