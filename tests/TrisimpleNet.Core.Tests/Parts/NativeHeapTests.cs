namespace TrisimpleNet.Core.Tests.Parts;

public class NativeHeapTests
{
    [Fact]
    public void GlibcAcceptsTheFixedMmapThresholdAndOtherSystemsAreLeftAlone()
    {
        // libtorch's Linux build needs glibc, so on Linux the call must reach glibc's mallopt and succeed.
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.LimitGrowth());
    }
}
