using TorchSharp;
using static TorchSharp.torch;

namespace TrisimpleNet.Training;

/// <summary>
/// The file behind a feature cache too large for memory (<see cref="TrisimpleNetOptions.FeatureCacheMemoryBudget"/>):
/// the cache tensor is a shared memory map of it (torch.from_file), so what extraction writes goes to the file and
/// training's index_select reads it back, paged in by the kernel. The file is allocated in full when made, so a disk
/// without room fails here rather than with a fault in the middle of extraction. Where the system allows it (Linux,
/// macOS) the file is unlinked as soon as it is mapped: the mapping keeps its data alive, and the kernel frees it
/// when the mapping goes, also when the process is killed. Elsewhere (Windows) it is deleted on dispose, and a file
/// left by a process that has ended is deleted by the next cache file made in the same folder.
/// </summary>
internal sealed class FeatureCacheFile : IDisposable
{
    private const string Prefix = "trisimplenet-features.";
    private const string Extension = ".cache";

    private FeatureCacheFile(string path, bool unlinked)
    {
        Path = path;
        IsUnlinked = unlinked;
    }

    /// <summary>The file's path; after <see cref="IsUnlinked"/>, nothing is found there.</summary>
    public string Path { get; }

    /// <summary>Whether the file was unlinked as soon as it was mapped.</summary>
    public bool IsUnlinked { get; }

    /// <summary>
    /// A tensor of <paramref name="shape"/> and <paramref name="type"/> mapped from a new file in
    /// <paramref name="folder"/>, named <c>trisimplenet-features.PID.GUID.cache</c>; its contents are undefined
    /// until written. The tensor owns the mapping; the returned file must be disposed after the tensor.
    /// </summary>
    /// <exception cref="IOException">The folder has no room for the file, or the file cannot be made there; the
    /// message names <see cref="TrisimpleNetOptions.FeatureCacheFolder"/>, the folder and the bytes needed.</exception>
    public static (Tensor Features, FeatureCacheFile File) Create(string folder, long[] shape, ScalarType type)
    {
        string fullFolder = System.IO.Path.GetFullPath(folder);
        LeftoverFiles.RemoveThoseOfEndedProcesses(fullFolder, Prefix + "*" + Extension, fileName => LeftoverFiles.WriterOf(fileName, Prefix, Extension));
        long elements = shape.Aggregate(1L, (product, length) => checked(product * length));
        long bytes = checked(elements * FeatureCacheStorage.ElementSize(type));
        string path = System.IO.Path.Combine(fullFolder, $"{Prefix}{Environment.ProcessId}.{Guid.NewGuid():N}{Extension}");
        Allocate(path, bytes, fullFolder);
        Tensor? flat = null;
        try
        {
            flat = from_file(path, shared: true, size: elements, dtype: type);
            var features = flat.reshape(shape);
            flat.Dispose();
            return (features, new FeatureCacheFile(path, TryUnlink(path)));
        }
        catch
        {
            flat?.Dispose();
            LeftoverFiles.TryDelete(path);
            throw;
        }
    }

    /// <summary>Deletes the file unless it was unlinked when mapped; call it after the tensor is disposed, or the delete may fail where a mapped file cannot be deleted.</summary>
    public void Dispose()
    {
        if (!IsUnlinked) LeftoverFiles.TryDelete(Path);
    }

    // Checked against the free space first, so that a file that cannot fit does not fill the disk for a moment.
    // Preallocated (fallocate on Linux): a sparse file would fail only when a page is first written, with SIGBUS.
    private static void Allocate(string path, long bytes, string folder)
    {
        if (FreeBytes(folder) is long free && free < bytes)
            throw NoRoom(bytes, folder, $"only {free:N0} bytes are free there.", inner: null);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            PreallocationSize = bytes,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using var file = new FileStream(path, options);
            file.SetLength(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LeftoverFiles.TryDelete(path);
            throw NoRoom(bytes, folder, $"it could not be made: {e.Message}", e);
        }
    }

    private static IOException NoRoom(long bytes, string folder, string reason, Exception? inner) => new(
        $"The feature cache exceeds TrisimpleNetOptions.FeatureCacheMemoryBudget and needs a file of {bytes:N0} bytes in "
        + $"TrisimpleNetOptions.FeatureCacheFolder '{folder}', but {reason} Free space there, choose another "
        + "FeatureCacheFolder, or raise the budget if the memory is there.", inner);

    private static long? FreeBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static bool TryUnlink(string path)
    {
        try
        {
            File.Delete(path);
            return !File.Exists(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
