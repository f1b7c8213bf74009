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

public sealed class DetectorRegistrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trisimplenet-di-").FullName;

    private string SavedDetector()
    {
        var path = Path.Combine(_folder, "parts.tsn");
        using var detector = Sharing.TinyDetectors.Train();
        detector.Save(path);
        return path;
    }

    private static readonly DetectorLoadOptions TinyBackbone = new() { BackboneFactory = _ => new TrisimpleNet.Core.Tests.TinyBackbone() };

    [Fact]
    public void ADetectorIsOneSharedSingletonPerName()
    {
        var path = SavedDetector();
        using var services = new ServiceCollection().AddTrisimpleNetDetector("parts", path, TinyBackbone).BuildServiceProvider();

        var first = services.GetRequiredKeyedService<AnomalyDetector>("parts");

        Assert.Same(first, services.GetRequiredKeyedService<AnomalyDetector>("parts"));
        Assert.Null(services.GetKeyedService<AnomalyDetector>("other"));
    }

    [Fact]
    public void RegisteringANameAgainKeepsTheFirstRegistration()
    {
        var path = SavedDetector();
        var collection = new ServiceCollection()
            .AddTrisimpleNetDetector("parts", path, TinyBackbone)
            .AddTrisimpleNetDetector("parts", Path.Combine(_folder, "other.tsn"), TinyBackbone);

        Assert.Single(collection, service => service.IsKeyedService && Equals(service.ServiceKey, "parts"));
        using var services = collection.BuildServiceProvider();
        Assert.NotNull(services.GetRequiredKeyedService<AnomalyDetector>("parts"));
    }

    [Fact]
    public void AMissingModelFileFailsValidationNamingIt()
    {
        var missing = Path.Combine(_folder, "missing.tsn");
        using var services = new ServiceCollection().AddTrisimpleNetDetector("parts", missing).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<DetectorRegistration>>().Get("parts"));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void AddingTrisimpleNetTwiceRegistersOneValidatorAndOneBuilder()
    {
        var configuration = new ConfigurationBuilder().Build();
        var collection = new ServiceCollection().AddTrisimpleNet(configuration).AddTrisimpleNet(configuration);

        Assert.Single(collection, service => service.ServiceType == typeof(IValidateOptions<TrisimpleNetOptions>));
        Assert.Single(collection, service => service.ServiceType == typeof(AnomalyDetectorBuilder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
