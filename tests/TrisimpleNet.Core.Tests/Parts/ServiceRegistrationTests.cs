using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TrisimpleNet.Core.Tests.Parts;

public class ServiceRegistrationTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddTrisimpleNet(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Fact]
    public void ConfigurationIsBoundOverTheResNet18Preset()
    {
        using var services = Services(new() { ["TrisimpleNet:Epochs"] = "12", ["TrisimpleNet:Layers:0"] = "layer2" });
        var options = services.GetRequiredService<IOptions<TrisimpleNetOptions>>().Value;
        Assert.Equal(12, options.Epochs);
        Assert.Equal("resnet18", options.Backbone);
        Assert.Equal(NoiseScale.RelativeToFeatureSpread, options.NoiseScale);
        Assert.NotNull(services.GetRequiredService<AnomalyDetectorBuilder>());
    }

    [Fact]
    public void InvalidConfigurationNamesTheOption()
    {
        using var services = Services(new() { ["TrisimpleNet:BatchSize"] = "0" });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TrisimpleNetOptions>>().Value);
        Assert.Contains("BatchSize", error.Message);
    }
}
