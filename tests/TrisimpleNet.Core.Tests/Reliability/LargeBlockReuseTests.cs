using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Reliability;

/// <summary>glibc's heap keeps large blocks for reuse once a detector is trained or loaded (TrisimpleNetOptions.ReuseNativeMemory).</summary>
[Collection(nameof(WorkingSetCollection))]
public sealed class LargeBlockReuseTests
{
    // Above glibc's default 32 MiB (mapped by itself) and below the 64 MiB of a thread arena's heap, which maps larger
    // blocks by itself whatever the threshold; tests run on worker threads.
    private const long TensorBytes = 48L << 20;

    [SkippableFact]
    public void ALargeTensorComesFromTheHeapRatherThanItsOwnMapping()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && NativeHeap.MappedBlockBytes() >= 0, "glibc only.");
        Assert.True(NativeHeap.ReuseLargeBlocks());
        long mappedBefore = NativeHeap.MappedBlockBytes();

        using var large = empty(TensorBytes / sizeof(float), dtype: ScalarType.Float32);
        long mappedWhileAlive = NativeHeap.MappedBlockBytes();

        // glibc's default maps any block above 32 MiB by itself: the mapped bytes would grow by the tensor's size.
        Assert.True(mappedWhileAlive - mappedBefore < TensorBytes,
            $"The mapped blocks grew by {(mappedWhileAlive - mappedBefore) >> 20} MiB for a {TensorBytes >> 20} MiB tensor.");
    }

    [Fact]
    public void TrainingWithTheDefaultOptionsAppliesIt()
    {
        Assert.True(new TrisimpleNetOptions().ReuseNativeMemory);
        Sharing.TinyDetectors.Train().Dispose();

        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.ReusesLargeBlocks);
    }
}
