using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton<IValidateOptions<TrisimpleNetOptions>, TrisimpleNetOptionsValidator>();
        services.AddTransient(provider => new AnomalyDetectorBuilder(provider.GetRequiredService<IOptions<TrisimpleNetOptions>>().Value));
        return services;
    }

    private static void CopyPreset(TrisimpleNetOptions preset, TrisimpleNetOptions target)
    {
        foreach (var property in typeof(TrisimpleNetOptions).GetProperties().Where(p => p.CanWrite))
            property.SetValue(target, property.GetValue(preset));
    }
}
