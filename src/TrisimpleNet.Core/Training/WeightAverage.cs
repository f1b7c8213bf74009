using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Training;

/// <summary>
/// The exponential moving average of modules' floating-point parameters and buffers over training steps (Polyak
/// averaging, <see cref="TrisimpleNetOptions.WeightAveragingEpochs"/>): after step t the average moves towards the
/// weights by 1 - d_t, where d_t = min(decay, (1 + t) / (10 + t)), so the first steps, taken from the random
/// initialisation, are forgotten quickly. Integer buffers (BatchNorm's step count) are copied, not averaged.
/// The averages live outside any dispose scope until <see cref="Dispose"/>.
/// </summary>
internal sealed class WeightAverage : IDisposable
{
    private readonly List<(Tensor Source, Tensor Average)> _pairs = [];
    private readonly double _decay;
    private long _updates;

    /// <param name="modules">The modules whose parameters and buffers are averaged, from their current values.</param>
    /// <param name="decay">The decay per step, in [0, 1).</param>
    public WeightAverage(IEnumerable<nn.Module> modules, double decay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decay);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(decay, 1);
        _decay = decay;
        using var noGrad = no_grad();
        foreach (var module in modules)
            foreach (var source in module.parameters().Cast<Tensor>().Concat(module.buffers()))
                _pairs.Add((source, source.clone().DetachFromDisposeScope()));
    }

    /// <summary>
    /// The decay whose averaging horizon, 1 / (1 - decay) steps, is <paramref name="epochs"/> epochs of
    /// <paramref name="stepsPerEpoch"/> steps; 0 (the last weights) when that horizon is at most one step.
    /// </summary>
    public static double DecayFor(double epochs, long stepsPerEpoch) => Math.Max(0, 1 - 1 / (epochs * stepsPerEpoch));

    /// <summary>Moves the averages towards the modules' current values; call after each optimiser step.</summary>
    public void Update()
    {
        double decay = Math.Min(_decay, (1.0 + _updates) / (10.0 + _updates));
        _updates++;
        using var noGrad = no_grad();
        using Scalar keep = decay, take = 1 - decay;
        foreach (var (source, average) in _pairs)
        {
            if (source.is_floating_point()) average.mul_(keep).add_(source, take);
            else average.copy_(source);
        }
    }

    /// <summary>Writes the averages into the modules, replacing their weights and buffers.</summary>
    public void CopyIntoModules()
    {
        using var noGrad = no_grad();
        foreach (var (source, average) in _pairs) source.copy_(average);
    }

    /// <summary>Writes the step count and the averages, for a checkpoint.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(_updates);
        foreach (var (_, average) in _pairs) average.Save(writer);
    }

    /// <summary>Reads what <see cref="Save"/> wrote for modules of the same shapes.</summary>
    public void Load(BinaryReader reader)
    {
        _updates = reader.ReadInt64();
        using var noGrad = no_grad();
        foreach (var (_, average) in _pairs)
        {
            using var stored = Tensor.Load(reader);
            if (!stored.shape.SequenceEqual(average.shape) || stored.dtype != average.dtype)
                throw new InvalidDataException($"an averaged weight is {stored.dtype} [{string.Join(", ", stored.shape)}], not {average.dtype} [{string.Join(", ", average.shape)}]");
            average.copy_(stored);
        }
    }

    public void Dispose()
    {
        foreach (var (_, average) in _pairs) average.Dispose();
        _pairs.Clear();
    }
}
