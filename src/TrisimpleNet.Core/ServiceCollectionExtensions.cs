using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TrisimpleNet;

/// <summary>Registers TrisimpleNet with Microsoft.Extensions.DependencyInjection.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TrisimpleNetOptions"/> from the "TrisimpleNet" section of <paramref name="configuration"/>
    /// on top of the offline <see cref="TrisimpleNetOptions.ResNet18"/> preset, validates them at start-up, and
    /// registers <see cref="AnomalyDetectorBuilder"/> (transient, configured with those options).
    /// </summary>
    public static IServiceCollection AddTrisimpleNet(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrisimpleNetOptions>()
            .Configure(options =>
            {
                CopyPreset(TrisimpleNetOptions.ResNet18(), options);
                var section = configuration.GetSection(TrisimpleNetOptions.SectionName);
                // The binder appends configured array items to the preset's; configured layers replace them.
                if (section.GetSection(nameof(TrisimpleNetOptions.Layers)).Exists()) options.Layers = [];
                section.Bind(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrisimpleNetOptions>, TrisimpleNetOptionsValidator>());
        services.TryAddTransient(provider => new AnomalyDetectorBuilder(provider.GetRequiredService<IOptions<TrisimpleNetOptions>>().Value));
        return services;
    }

    /// <summary>
    /// Registers the detector saved at <paramref name="modelPath"/> as a shared singleton keyed by
    /// <paramref name="name"/> (resolve it with <c>[FromKeyedServices("name")] AnomalyDetector</c> or
    /// <c>GetRequiredKeyedService</c>): loaded once, on first use, with <paramref name="loadOptions"/>, and disposed with
    /// the container. A detector is immutable and safe to share across request threads. Registering a name again keeps
    /// the first registration (TryAdd). The model file's existence is validated when the host starts
    /// (<see cref="DetectorRegistration"/> named options, ValidateOnStart).
    /// </summary>
    public static IServiceCollection AddTrisimpleNetDetector(this IServiceCollection services, string name, string modelPath,
        DetectorLoadOptions? loadOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (services.Any(service => service.IsKeyedService && Equals(service.ServiceKey, name) && service.ServiceType == typeof(AnomalyDetector)))
            return services;
        services.AddOptions<DetectorRegistration>(name)
            .Configure(registration => registration.ModelPath = modelPath)
            .Validate(registration => File.Exists(registration.ModelPath),
                $"The detector '{name}' cannot be loaded: its model file '{modelPath}' does not exist.")
            .ValidateOnStart();
        services.AddKeyedSingleton(name, (provider, _) =>
        {
            var registration = provider.GetRequiredService<IOptionsMonitor<DetectorRegistration>>().Get(name);
            return AnomalyDetector.Load(registration.ModelPath, loadOptions);
        });
        return services;
    }

    private static void CopyPreset(TrisimpleNetOptions preset, TrisimpleNetOptions target)
    {
        foreach (var property in typeof(TrisimpleNetOptions).GetProperties().Where(p => p.CanWrite))
            property.SetValue(target, property.GetValue(preset));
    }
}
