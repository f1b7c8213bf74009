using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>
/// The process-wide torch settings the library changes. Threads are set once, when a detector is trained
/// (<see cref="TrisimpleNetOptions.Threads"/>) or loaded (<see cref="DetectorLoadOptions.Threads"/>); prediction never
/// changes them, so detectors can be used from many threads (docs/thread-safety.md).
/// </summary>
internal static class TorchSettings
{
    public static void SetThreads(int? threads)
    {
        if (threads is int count && get_num_threads() != count) set_num_threads(count);
    }

    public static Device DeviceOf(string deviceName)
    {
        try
        {
            return device(deviceName);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ArgumentException($"{nameof(TrisimpleNetOptions)}.{nameof(TrisimpleNetOptions.Device)} is '{deviceName}'; expected cpu, cuda or cuda:N.", e);
        }
    }
}
