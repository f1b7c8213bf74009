using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using TorchSharp;
using TorchSharp.PyBridge;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Backbones;
using TrisimpleNet.Decisions;
using TrisimpleNet.Discriminators;
using TrisimpleNet.Features;
using TrisimpleNet.Parts;
using TrisimpleNet.Scoring;
using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>
/// The saved-detector format: a <see cref="ChecksummedContainer"/> (signature TSNDET) whose header is JSON (options,
/// backbone identity, feature spread, decisions, a <see cref="PartSpec"/> per part) and whose payload is the adaptor's
/// and discriminator's tensors in safetensors form (readable from Python, docs/deployment.md). Backbone weights are not stored: they are reloaded from their source. Loading
/// builds each part from its spec with <see cref="PartFactories"/>. Format 1 (no specs, no pixel threshold) is still read.
/// </summary>
internal static class DetectorFile
{
    public const int FormatVersion = 2;
    private static readonly ChecksummedContainer Container = new("detector file", "TSNDET\r\n"u8.ToArray(), 1, FormatVersion);
    private const string AdaptorPrefix = "adaptor.";
    private const string DiscriminatorPrefix = "discriminator.";
    private const string PositionBiasName = "position_bias";

    // Format 1's tensor table; format 2 stores the tensors as a safetensors payload, which carries its own table.
    private sealed record TensorEntry(string Name, string DType, long[] Shape, long Offset, long Length);

    private sealed record Header(
        TrisimpleNetOptions Options,
        BackboneDescriptor Backbone,
        int FeatureWidth,
        double FeatureSpread,
        float Threshold,
        List<TensorEntry>? Tensors,
        StoredDecisions? Decisions,
        StoredParts? Parts);

    // Format 2. A format-1 file has only the image threshold, which then serves for pixels too.
    private sealed record StoredDecisions(float ImageThreshold, float PixelThreshold, float ImageScale, float PixelScale,
        int CalibrationImageCount, bool CalibratedOnTrainingImages)
    {
        public static StoredDecisions From(AnomalyDecisions d) => new(d.ImageThreshold, d.PixelThreshold, d.ImageScale,
            d.PixelScale, d.CalibrationImageCount, d.CalibratedOnTrainingImages);

        public AnomalyDecisions ToDecisions() => new(ImageThreshold, PixelThreshold, ImageScale, PixelScale,
            CalibrationImageCount, CalibratedOnTrainingImages);
    }

    // Format 2. A format-1 file holds the built-in parts its options describe.
    private sealed record StoredParts(PartSpec Aggregator, PartSpec Adaptor, PartSpec Discriminator, PartSpec Scorer)
    {
        public static StoredParts FromOptions(TrisimpleNetOptions options, int featureWidth) => new(
            BuiltInParts.Aggregator(options),
            BuiltInParts.Adaptor(featureWidth, featureWidth, options.AdaptorBias, options.Precision),
            BuiltInParts.Discriminator(featureWidth, options.DiscriminatorHiddenWidth, options.DiscriminatorLayers, options.LeakyReluSlope, options.Precision),
            BuiltInParts.Scorer(options.SmoothingSigma));
    }

    public static void Write(string path, AnomalyDetector detector) => Write(path, detector, file => file);

    /// <summary>Writes through <paramref name="wrapFile"/> (tests make it fail half way) to a temporary file, then renames it.</summary>
    internal static void Write(string path, AnomalyDetector detector, Func<Stream, Stream> wrapFile) =>
        AtomicFile.Write(path, Serialize(detector), wrapFile);

    public static void Write(Stream stream, AnomalyDetector detector) => stream.Write(Serialize(detector));

    public static AnomalyDetector Read(string path, DetectorLoadOptions loadOptions)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Detector file '{path}' does not exist.", path);
        return Parse(File.ReadAllBytes(path), $"'{path}'", loadOptions);
    }

    public static AnomalyDetector Read(Stream stream, DetectorLoadOptions loadOptions)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Parse(copy.ToArray(), "The detector stream", loadOptions);
    }

    private static byte[] Serialize(AnomalyDetector detector)
    {
        var parts = new StoredParts(
            SpecOf(detector.Extractor.Aggregator, "feature aggregator"),
            SpecOf(detector.Adaptor, "adaptor"),
            SpecOf(detector.Discriminator, "discriminator"),
            SpecOf(detector.Scorer, "scorer"));
        var payload = new MemoryStream();
        using (var scope = NewDisposeScope())
        {
            var tensors = new Dictionary<string, Tensor>();
            foreach (var (name, tensor) in detector.Adaptor.Network.state_dict()) tensors[AdaptorPrefix + name] = Savable(AdaptorPrefix + name, tensor);
            foreach (var (name, tensor) in detector.Discriminator.Network.state_dict()) tensors[DiscriminatorPrefix + name] = Savable(DiscriminatorPrefix + name, tensor);
            if (detector.PositionBias is { } bias) tensors[PositionBiasName] = Savable(PositionBiasName, bias.Values);
            Safetensors.SaveStateDict(payload, tensors, leaveOpen: true);
        }
        var header = new Header(detector.Options, detector.Backbone, detector.Extractor.Aggregator.OutputWidth,
            detector.FeatureSpread, detector.Threshold, null, StoredDecisions.From(detector.Decisions), parts);
        return Container.Write(header, payload.GetBuffer().AsSpan(0, (int)payload.Length));
    }

    private static PartSpec SpecOf(object part, string role)
    {
        var spec = PartFactories.SpecOf(part) ?? throw new NotSupportedException(
            $"The {role} {part.GetType().FullName} cannot be saved: nothing describes how to build it again. Implement " +
            $"{nameof(IDescribedPart)} and register its factory with {nameof(PartFactories)}.{nameof(PartFactories.Register)} (docs/deployment.md).");
        if (!PartFactories.IsRegistered(spec.Name))
            throw new NotSupportedException(
                $"The {role} {part.GetType().FullName} cannot be saved: no factory is registered under its spec's name '{spec.Name}', so it could not be loaded. Register one with {nameof(PartFactories)}.{nameof(PartFactories.Register)}.");
        return spec;
    }

    private static AnomalyDetector Parse(byte[] bytes, string source, DetectorLoadOptions loadOptions)
    {
        var container = Container.Read<Header>(bytes, source);
        var header = container.Header;
        if (header.Options is null || header.Backbone is null)
            throw new InvalidDataException($"{source} has a malformed header: it lacks the {(header.Options is null ? "Options" : "Backbone")} entry.");

        var options = header.Options;
        // A training-only folder of the machine that trained: a loaded detector never builds a feature cache.
        options.FeatureCacheFolder = null;
        ThrowIfStoredOptionsInvalid(options, source);
        if (loadOptions.Device is not null) options.Device = loadOptions.Device;
        if (loadOptions.InferenceBatchSize is int batchSize) options.InferenceBatchSize = batchSize;
        TrisimpleNetOptionsValidator.ThrowIfInvalid(options);
        var device = TorchSettings.DeviceOf(options.Device);
        TorchSettings.SetThreads(loadOptions.Threads);
        if (loadOptions.ReuseNativeMemory) NativeHeap.ReuseLargeBlocks();
        var specs = header.Parts ?? StoredParts.FromOptions(options, header.FeatureWidth);

        var made = new List<IDisposable>();
        PositionBias? bias = null;
        try
        {
            var backbone = (loadOptions.BackboneFactory ?? TrisimpleNet.Backbones.Backbone.Create)(header.Backbone);
            made.Add(backbone);
            backbone.MoveTo(device);
            var aggregator = Create<IFeatureAggregator>(specs.Aggregator, "feature aggregator", source, made);
            var adaptor = Create<IFeatureAdaptor>(specs.Adaptor, "adaptor", source, made);
            made.Add(adaptor.Network);
            var discriminator = Create<IDiscriminator>(specs.Discriminator, "discriminator", source, made);
            made.Add(discriminator.Network);
            var scorer = Create<IScorer>(specs.Scorer, "scorer", source, made);
            var stored = container.Version == 1
                ? ReadFormatOneTensors(header.Tensors ?? [], container.Payload, source)
                : ReadSafetensors(container.Payload, source);
            try
            {
                LoadState(adaptor.Network, AdaptorPrefix, stored, source);
                LoadState(discriminator.Network, DiscriminatorPrefix, stored, source);
                bias = ReadPositionBias(options, stored, source);
            }
            finally
            {
                foreach (var tensor in stored.Values) tensor.Dispose();
            }
            adaptor.Network.to(device);
            discriminator.Network.to(device);
            var extractor = new FeatureExtractor(Imaging.ImagePreprocessor.FromOptions(options), backbone, aggregator, device);
            var parts = new TrainedParts(options, extractor, adaptor, discriminator, scorer, header.FeatureSpread);
            if (bias is not null) parts.UsePositionBias(bias);
            var decisions = header.Decisions?.ToDecisions() ?? new AnomalyDecisions(header.Threshold, header.Threshold);
            return new AnomalyDetector(parts, decisions, options.InferenceBatchSize, []);
        }
        catch
        {
            foreach (var part in made) part.Dispose();
            bias?.Dispose();
            throw;
        }
    }

    // Checked before the load options are applied: what is invalid here is the file's fault, not the caller's.
    private static void ThrowIfStoredOptionsInvalid(TrisimpleNetOptions options, string source)
    {
        try
        {
            TrisimpleNetOptionsValidator.ThrowIfInvalid(options);
        }
        catch (OptionsValidationException e)
        {
            throw new InvalidDataException($"{source} holds invalid options: {e.Message}", e);
        }
    }

    private static TPart Create<TPart>(PartSpec spec, string role, string source, List<IDisposable> made) where TPart : class
    {
        TPart part;
        try
        {
            part = PartFactories.Create<TPart>(spec);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidCastException or InvalidOperationException or FormatException or ArgumentException or InvalidDataException)
        {
            throw new InvalidDataException($"{source}: its {role} cannot be built from the spec '{spec.Name}': {e.Message}", e);
        }
        if (part is IDisposable disposable && part is not IFeatureAdaptor and not IDiscriminator) made.Add(disposable);
        return part;
    }

    private static void LoadState(nn.Module module, string prefix, Dictionary<string, Tensor> stored, string source)
    {
        var stateDict = stored.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        foreach (var (name, tensor) in module.state_dict())
        {
            if (!stateDict.TryGetValue(name, out var tensorStored))
                throw new InvalidDataException($"{source} lacks tensor '{prefix}{name}'.");
            if (!tensorStored.shape.SequenceEqual(tensor.shape))
                throw new InvalidDataException($"{source}: tensor '{prefix}{name}' has shape [{string.Join(", ", tensorStored.shape)}], expected [{string.Join(", ", tensor.shape)}].");
        }
        module.load_state_dict(stateDict, strict: true);
    }

    // Its own copy, which the detector then owns; the stored tensors are disposed after loading.
    private static PositionBias? ReadPositionBias(TrisimpleNetOptions options, Dictionary<string, Tensor> stored, string source)
    {
        if (!stored.TryGetValue(PositionBiasName, out var values))
            return options.SubtractPositionBias
                ? throw new InvalidDataException($"{source} subtracts a position bias ({nameof(TrisimpleNetOptions.SubtractPositionBias)}) but lacks tensor '{PositionBiasName}'.")
                : null;
        if (!options.SubtractPositionBias)
            throw new InvalidDataException($"{source} holds tensor '{PositionBiasName}' but its options do not subtract a position bias.");
        if (values.dim() != 2 || values.dtype != ScalarType.Float32)
            throw new InvalidDataException($"{source}: tensor '{PositionBiasName}' is {values.dtype} of shape [{string.Join(", ", values.shape)}], expected a float32 grid.");
        return new PositionBias(values.clone().DetachFromDisposeScope());
    }

    private static Tensor Savable(string name, Tensor tensor) =>
        tensor.dtype is ScalarType.Float32 or ScalarType.Int64
            ? tensor.detach().cpu().contiguous()
            : throw new NotSupportedException($"Tensor '{name}' is {tensor.dtype}; a detector file holds float32 and int64 tensors only.");

    private static Dictionary<string, Tensor> ReadSafetensors(ArraySegment<byte> payload, string source)
    {
        try
        {
            return Safetensors.LoadStateDict(new MemoryStream(payload.Array!, payload.Offset, payload.Count, writable: false));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{source}: its tensors are not a valid safetensors payload ({e.Message}).", e);
        }
    }

    private static Dictionary<string, Tensor> ReadFormatOneTensors(List<TensorEntry> entries, ArraySegment<byte> payload, string source)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var entry in entries)
        {
            if (entry.Offset < 0 || entry.Length < 0 || entry.Offset + entry.Length > payload.Count)
                throw new InvalidDataException($"{source}: tensor '{entry.Name}' lies outside the file's payload.");
            var span = payload.AsSpan((int)entry.Offset, (int)entry.Length);
            tensors[entry.Name] = entry.DType switch
            {
                nameof(ScalarType.Float32) => tensor(MemoryMarshal.Cast<byte, float>(span).ToArray(), entry.Shape),
                nameof(ScalarType.Int64) => tensor(MemoryMarshal.Cast<byte, long>(span).ToArray(), entry.Shape),
                _ => throw new InvalidDataException($"{source}: tensor '{entry.Name}' has unsupported type {entry.DType}."),
            };
        }
        return tensors;
    }
}
