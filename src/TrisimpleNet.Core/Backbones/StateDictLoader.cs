using static TorchSharp.torch;

namespace TrisimpleNet.Backbones;

/// <summary>
/// Copies a state dict into a module by key, as PyTorch's load_state_dict(strict=False) for the module's own keys:
/// every parameter and buffer of the module must be present with the same shape; keys the module lacks
/// (deeper layers, fc) are ignored. BatchNorm's num_batches_tracked is optional: it plays no part in eval mode
/// and old checkpoints lack it.
/// </summary>
internal static class StateDictLoader
{
    public static void LoadInto(nn.Module module, IReadOnlyDictionary<string, Tensor> source, string sourceFile)
    {
        using var noGrad = no_grad();
        foreach (var (key, target) in module.state_dict())
        {
            if (!source.TryGetValue(key, out var value))
            {
                if (key.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
                    continue;
                throw new InvalidDataException(
                    $"Weights file '{sourceFile}' has no key '{key}' (its keys include {string.Join(", ", source.Keys.Take(3).Select(k => $"'{k}'"))}).");
            }
            if (!value.shape.SequenceEqual(target.shape))
                throw new InvalidDataException(
                    $"Weights file '{sourceFile}': key '{key}' has shape [{string.Join(", ", value.shape)}], expected [{string.Join(", ", target.shape)}].");
            target.copy_(value);
        }
    }
}
