using System.Runtime.InteropServices;

namespace TrisimpleNet.Benchmarks;

/// <summary>The machine a measurement ran on.</summary>
public sealed record MachineInfo(int ProcessorCount, string CpuModel, string OperatingSystem, string Runtime)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);

    public override string ToString() => $"{CpuModel}, {ProcessorCount} logical processors, {OperatingSystem}, {Runtime}";

    private static string ReadCpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo)) return RuntimeInformation.ProcessArchitecture.ToString();
        var modelLine = File.ReadLines(cpuInfo).FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal));
        return modelLine?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
