using static TorchSharp.torch;

namespace TrisimpleNet.Backbones;

/// <summary>
/// Copies a state dict into a module by key. Every parameter and buffer of the module must be present with the same
/// shape. Keys of parts the module does not build (deeper stages, fc) are ignored, as PyTorch's
/// load_state_dict(strict=False) does; but a key inside a part the module does build (for example layer1.2.* given
/// to resnet18, whose layer1 has blocks 0 and 1) is an error: the file is of another architecture (here resnet34),
/// whose first blocks would otherwise load silently. BatchNorm's num_batches_tracked is optional either way: it plays
/// no part in eval mode and old checkpoints lack it.
/// </summary>
internal static class StateDictLoader
{
    private const string BatchCount = ".num_batches_tracked";

    /// <param name="module">The module to fill.</param>
    /// <param name="source">The tensors read from the file (at least every key of the module that the file has).</param>
    /// <param name="sourceKeys">Every key of the file, also those not read.</param>
    /// <param name="sourceFile">The file, for messages.</param>
    public static void LoadInto(nn.Module module, IReadOnlyDictionary<string, Tensor> source, IReadOnlyCollection<string> sourceKeys,
        string sourceFile)
    {
        var targets = module.state_dict();
        var builtParts = targets.Keys.Select(TopLevelPart).ToHashSet(StringComparer.Ordinal);
        var unexpected = sourceKeys
            .Where(key => builtParts.Contains(TopLevelPart(key)) && !targets.ContainsKey(key) && !key.EndsWith(BatchCount, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unexpected.Count > 0)
            throw new InvalidDataException(
                $"Weights file '{sourceFile}' has {unexpected.Count} key(s) the network does not have, such as " +
                $"{string.Join(", ", unexpected.Take(3).Select(k => $"'{k}'"))}: it holds the weights of another architecture.");

        using var noGrad = no_grad();
        foreach (var (key, target) in targets)
        {
            if (!source.TryGetValue(key, out var value))
            {
                if (key.EndsWith(BatchCount, StringComparison.Ordinal))
                    continue;
                throw new InvalidDataException(
                    $"Weights file '{sourceFile}' has no key '{key}' (its keys include {string.Join(", ", sourceKeys.Take(3).Select(k => $"'{k}'"))}).");
            }
            if (!value.shape.SequenceEqual(target.shape))
                throw new InvalidDataException(
                    $"Weights file '{sourceFile}': key '{key}' has shape [{string.Join(", ", value.shape)}], expected [{string.Join(", ", target.shape)}].");
            target.copy_(value);
        }
    }

    /// <summary>As above, when <paramref name="source"/> holds every key of the file.</summary>
    public static void LoadInto(nn.Module module, IReadOnlyDictionary<string, Tensor> source, string sourceFile) =>
        LoadInto(module, source, source.Keys.ToArray(), sourceFile);

    private static string TopLevelPart(string key) => key.Split('.', 2)[0];
}
