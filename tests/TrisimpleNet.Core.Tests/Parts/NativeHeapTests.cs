namespace TrisimpleNet.Core.Tests.Parts;

public class NativeHeapTests
{
    [Fact]
    public void TrimReachesGlibcOnLinuxAndIsANoOpElsewhere()
    {
        // libtorch's Linux build needs glibc, so on Linux the call must reach glibc's malloc_trim.
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.Trim());
    }
}
