using System.Runtime.InteropServices;
using System.Text;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Discriminators;

namespace TrisimpleNet.Training;

/// <summary>
/// A trained ensemble member's adaptor and discriminator (parameters and BatchNorm statistics) as bytes: what a
/// checkpoint keeps of the members finished before the one in training.
/// </summary>
internal static class MemberWeights
{
    public static byte[] Capture(LinearFeatureAdaptor adaptor, MlpDiscriminator discriminator)
    {
        var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            adaptor.Network.save(writer);
            discriminator.Network.save(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>Loads what <see cref="Capture"/> wrote; <see cref="InvalidDataException"/> naming <paramref name="source"/> when it does not fit.</summary>
    public static void Restore(byte[] weights, LinearFeatureAdaptor adaptor, MlpDiscriminator discriminator, string source, int member)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(weights, writable: false), Encoding.UTF8);
            adaptor.Network.load(reader, strict: true);
            discriminator.Network.load(reader, strict: true);
            if (reader.BaseStream.Position != weights.Length)
                throw new InvalidDataException($"{weights.Length - reader.BaseStream.Position} bytes are left over.");
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or FormatException or ExternalException)
        {
            throw new InvalidDataException(
                $"{source}: ensemble member {member}'s weights do not fit this run's adaptor and discriminator ({e.Message}).", e);
        }
    }
}
