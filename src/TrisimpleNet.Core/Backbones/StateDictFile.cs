using System.Buffers.Binary;
using System.Collections;
using System.Text.Json;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace TrisimpleNet.Backbones;

/// <summary>Reads a PyTorch state dict (key -> tensor) from a .pth / .pt / .bin pickle (torch.save) or a .safetensors file.</summary>
internal static class StateDictFile
{
    /// <summary>The tensors read, and every key of the file (a .safetensors file may be read in part).</summary>
    public sealed record Contents(Dictionary<string, Tensor> Tensors, IReadOnlyCollection<string> Keys);

    /// <summary>Reads <paramref name="path"/>; with <paramref name="keys"/> given, a .safetensors file loads only those.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a state dict of tensors.</exception>
    public static Contents Read(string path, IReadOnlyCollection<string>? keys = null)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"State-dict file '{path}' does not exist.", path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            switch (extension)
            {
                case ".safetensors":
                    var allKeys = SafetensorsKeys(path);
                    return new Contents(Safetensors.LoadStateDict(path, keys?.Where(allKeys.Contains).ToList()), allKeys);
                case ".pth" or ".pt" or ".bin":
                    var tensors = ToDictionary(PyTorchUnpickler.UnpickleStateDict(path));
                    return new Contents(tensors, tensors.Keys);
                default:
                    throw new ArgumentException(
                        $"State-dict file '{path}' has extension '{extension}'; expected .pth, .pt, .bin (torch.save) or .safetensors.",
                        nameof(path));
            }
        }
        catch (Exception e) when (e is not (ArgumentException or OutOfMemoryException)
                                  && (e is not IOException || e is EndOfStreamException))
        {
            // The unpickler and the safetensors reader throw whatever their parsing meets (zip, cast, index, key,
            // JSON, not-implemented errors) on a file that is not what its extension says.
            throw new InvalidDataException(
                $"State-dict file '{path}' could not be read as a {(extension == ".safetensors" ? "safetensors file" : "torch.save pickle")} of tensors: {e.Message}", e);
        }
    }

    // The format: an 8-byte little-endian header length, then a JSON object of tensor entries and an optional __metadata__.
    private static HashSet<string> SafetensorsKeys(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (length > (ulong)(stream.Length - 8))
            throw new FormatException($"its header length field says {length} bytes, more than the file holds.");
        var header = new byte[(int)length];
        stream.ReadExactly(header);
        using var json = JsonDocument.Parse(header);
        if (json.RootElement.ValueKind != JsonValueKind.Object)
            throw new FormatException("its header is not a JSON object.");
        return json.RootElement.EnumerateObject().Select(p => p.Name).Where(name => name != "__metadata__").ToHashSet(StringComparer.Ordinal);
    }

    private static Dictionary<string, Tensor> ToDictionary(Hashtable pickled)
    {
        var tensors = pickled.Cast<DictionaryEntry>()
            .Where(entry => entry.Value is Tensor)
            .ToDictionary(entry => (string)entry.Key, entry => (Tensor)entry.Value!);
        if (tensors.Count == 0)
            throw new FormatException("it holds no tensors; expected a state dict, as torch.save(model.state_dict(), path) writes.");
        return tensors;
    }
}
