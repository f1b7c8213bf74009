using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace TrisimpleNet.Parts;

/// <summary>
/// The process-wide registry of part factories by name, which loading uses to build a saved detector's parts from
/// their <see cref="PartSpec"/>s. The library's own parts are registered under the names in
/// docs/deployment.md; register your own part's factory once at start-up, before loading.
/// </summary>
public static class PartFactories
{
    private static readonly ConcurrentDictionary<string, Func<JsonObject, object>> Factories = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<object, PartSpec> MadeFrom = new();

    static PartFactories() => BuiltInParts.Register();

    /// <summary>
    /// Registers <paramref name="create"/> under <paramref name="name"/>; it builds a part from a spec's parameters.
    /// Registering a name again replaces its factory.
    /// </summary>
    public static void Register<TPart>(string name, Func<JsonObject, TPart> create) where TPart : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        Factories[name] = parameters => create(parameters);
    }

    /// <summary>
    /// Builds the part <paramref name="spec"/> describes with its registered factory. The part remembers its spec,
    /// so a detector containing it can be saved even if the part does not implement <see cref="IDescribedPart"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No factory is registered under the spec's name.</exception>
    /// <exception cref="InvalidCastException">The factory made something that is not a <typeparamref name="TPart"/>.</exception>
    public static TPart Create<TPart>(PartSpec spec) where TPart : class
    {
        if (!Factories.TryGetValue(spec.Name, out var factory))
            throw new KeyNotFoundException($"No part factory is registered under the name '{spec.Name}'. Register it with {nameof(PartFactories)}.{nameof(Register)} before loading.");
        var made = factory(spec.Parameters);
        var part = made as TPart
            ?? throw new InvalidCastException($"The factory '{spec.Name}' made a {made.GetType().Name}, which is not a {typeof(TPart).Name}.");
        return Remember(part, spec);
    }

    /// <summary>Whether a factory is registered under <paramref name="name"/>.</summary>
    public static bool IsRegistered(string name) => Factories.ContainsKey(name);

    /// <summary>The spec of <paramref name="part"/>: its own, the one it was made from, or one read from a built-in part; null if unknown.</summary>
    internal static PartSpec? SpecOf(object part) =>
        part is IDescribedPart described ? described.Spec
        : MadeFrom.TryGetValue(part, out var spec) ? spec
        : BuiltInParts.Describe(part);

    /// <summary>Records that <paramref name="part"/> was made from <paramref name="spec"/>.</summary>
    internal static TPart Remember<TPart>(TPart part, PartSpec spec) where TPart : class
    {
        MadeFrom.AddOrUpdate(part, spec);
        return part;
    }
}
