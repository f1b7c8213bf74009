using System.Text.Json;

namespace TrisimpleNet.Training;

/// <summary>
/// The training-checkpoint format: a <see cref="ChecksummedContainer"/> (signature TSNCKPT) whose header is JSON
/// (options, features SHA-256, epoch, early-stopping count, history, and the byte lengths of the ensemble members
/// already trained) and whose payload is those members' weights, then the <see cref="TrainingState"/> bytes. Written
/// atomically, so a run killed while writing leaves the previous checkpoint. Format 1 (before ensembles) reads as a
/// checkpoint with no finished members.
/// </summary>
internal static class CheckpointFile
{
    public const int FormatVersion = 2;
    private static readonly ChecksummedContainer Container = new("training checkpoint", "TSNCKPT\n"u8.ToArray(), 1, FormatVersion);

    public static readonly JsonSerializerOptions Json = ChecksummedContainer.HeaderJson;

    private sealed record Header(
        TrisimpleNetOptions Options,
        string FeaturesSha256,
        int Epoch,
        int EpochsAtTarget,
        List<TrainingProgress> History,
        List<int>? FinishedMemberLengths);

    public static void Write(string path, TrainingCheckpoint checkpoint) => Write(path, checkpoint, file => file);

    /// <summary>Writes through <paramref name="wrapFile"/> (tests make it fail half way).</summary>
    internal static void Write(string path, TrainingCheckpoint checkpoint, Func<Stream, Stream> wrapFile)
    {
        var header = new Header(checkpoint.Options, checkpoint.FeaturesSha256, checkpoint.Epoch, checkpoint.EpochsAtTarget,
            [.. checkpoint.History], [.. checkpoint.FinishedMembers.Select(member => member.Length)]);
        byte[] payload = [.. checkpoint.FinishedMembers.SelectMany(member => member), .. checkpoint.State];
        AtomicFile.Write(path, Container.Write(header, payload), wrapFile);
    }

    public static TrainingCheckpoint Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Training checkpoint '{path}' does not exist.", path);
        byte[] bytes = File.ReadAllBytes(path);
        string source = $"Training checkpoint '{path}'";
        var container = Container.Read<Header>(bytes, source);
        var header = container.Header;
        if (header.Options is null || header.History is null || header.FeaturesSha256 is not { Length: 64 } || header.Epoch < 1
            || header.History.Count < header.Epoch)
            throw new InvalidDataException($"{source} has a malformed header: it lacks the options, the features' SHA-256, the epoch or the history.");
        var lengths = header.FinishedMemberLengths ?? [];
        if (lengths.Any(length => length <= 0) || lengths.Sum(length => (long)length) >= container.Payload.Count)
            throw new InvalidDataException($"{source} has a malformed header: its finished members' lengths do not fit its payload.");
        var finished = new List<byte[]>();
        int offset = 0;
        foreach (int length in lengths)
        {
            finished.Add(container.Payload.Slice(offset, length).ToArray());
            offset += length;
        }
        return new TrainingCheckpoint(header.Options, header.FeaturesSha256, header.Epoch, header.EpochsAtTarget, header.History,
            container.Payload.Slice(offset).ToArray()) { Source = source, FinishedMembers = finished };
    }
}
