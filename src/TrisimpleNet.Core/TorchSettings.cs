using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>Applies the process-wide torch settings the options ask for.</summary>
internal static class TorchSettings
{
    public static void Apply(TrisimpleNetOptions options)
    {
        if (options.Threads is int threads && get_num_threads() != threads) set_num_threads(threads);
    }

    public static Device DeviceOf(TrisimpleNetOptions options)
    {
        try
        {
            return device(options.Device);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ArgumentException($"{nameof(TrisimpleNetOptions)}.{nameof(TrisimpleNetOptions.Device)} is '{options.Device}'; expected cpu, cuda or cuda:N.", e);
        }
    }
}
