using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace TrisimpleNet.Backbones;

/// <summary>Reads a PyTorch state dict (key -> tensor) from a .pth / .pt / .bin pickle (torch.save) or a .safetensors file.</summary>
internal static class StateDictFile
{
    /// <summary>Reads <paramref name="path"/>; with <paramref name="keys"/> given, a .safetensors file loads only those.</summary>
    public static Dictionary<string, Tensor> Read(string path, IReadOnlyCollection<string>? keys = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"State-dict file '{path}' does not exist.", path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".safetensors" => Safetensors.LoadStateDict(path, keys?.ToList()),
                ".pth" or ".pt" or ".bin" => ToDictionary(PyTorchUnpickler.UnpickleStateDict(path)),
                _ => throw new ArgumentException(
                    $"State-dict file '{path}' has extension '{extension}'; expected .pth, .pt, .bin (torch.save) or .safetensors.",
                    nameof(path)),
            };
        }
        catch (Exception e) when (e is NotImplementedException or InvalidCastException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"State-dict file '{path}' could not be read: {e.Message}", e);
        }
    }

    private static Dictionary<string, Tensor> ToDictionary(Hashtable pickled) =>
        pickled.Cast<DictionaryEntry>()
            .Where(entry => entry.Value is Tensor)
            .ToDictionary(entry => (string)entry.Key, entry => (Tensor)entry.Value!);
}
