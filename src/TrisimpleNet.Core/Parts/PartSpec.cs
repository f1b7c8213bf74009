using System.Text.Json.Nodes;

namespace TrisimpleNet.Parts;

/// <summary>
/// A serialisable description of a part: the name its factory is registered under (<see cref="PartFactories"/>)
/// and the parameters that factory needs to build it again. A saved detector stores one per part, plus the trained
/// parts' tensors, and loading creates each part from its spec.
/// </summary>
/// <param name="Name">The registered factory name, for example "mlp-discriminator".</param>
/// <param name="Parameters">The factory's parameters: JSON numbers, strings, booleans, arrays or objects.</param>
public sealed record PartSpec(string Name, JsonObject Parameters);
