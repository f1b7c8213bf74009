using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrisimpleNet.Training;

/// <summary>
/// The state a training run carries from one epoch to the next, captured as bytes and restored bit for bit: the
/// adaptor's and discriminator's parameters and buffers (BatchNorm statistics), both Adam optimisers' moments and
/// step counts, the noise and shuffle generators' states, and the weight average when the run keeps one.
/// </summary>
internal sealed class TrainingState(
    nn.Module adaptor,
    nn.Module discriminator,
    OptimizerHelper adaptorOptimizer,
    OptimizerHelper discriminatorOptimizer,
    Generator noiseGenerator,
    Generator shuffleGenerator,
    WeightAverage? weightAverage)
{
    public byte[] Capture()
    {
        var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            adaptor.save(writer);
            discriminator.save(writer);
            adaptorOptimizer.save_state_dict(writer);
            discriminatorOptimizer.save_state_dict(writer);
            using (var noise = noiseGenerator.get_state()) noise.Save(writer);
            using (var shuffle = shuffleGenerator.get_state()) shuffle.Save(writer);
            weightAverage?.Save(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>Restores what <see cref="Capture"/> wrote; <see cref="InvalidDataException"/> naming <paramref name="source"/> when it does not fit.</summary>
    public void Restore(byte[] state, string source)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(state, writable: false), Encoding.UTF8);
            adaptor.load(reader, strict: true);
            discriminator.load(reader, strict: true);
            adaptorOptimizer.load_state_dict(reader);
            discriminatorOptimizer.load_state_dict(reader);
            Restore(noiseGenerator, reader);
            Restore(shuffleGenerator, reader);
            weightAverage?.Load(reader);
            if (reader.BaseStream.Position != state.Length)
                throw new InvalidDataException($"{state.Length - reader.BaseStream.Position} bytes are left over.");
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or FormatException or ExternalException)
        {
            throw new InvalidDataException(
                $"{source}: its training state does not fit this run's adaptor and discriminator ({e.Message}).", e);
        }
    }

    private static void Restore(Generator generator, BinaryReader reader)
    {
        using var state = Tensor.Load(reader);
        generator.set_state(state);
    }
}
