using System.Runtime.InteropServices;
using TorchSharp;

namespace TrisimpleNet;

/// <summary>
/// libtorch's NNPACK switch, <c>at::globalContext().setUserEnabledNNPACK(bool)</c>, which TorchSharp does not expose.
/// Where libtorch is built with oneDNN, NNPACK is switched off once per process, before the first convolution: each
/// float32 convolution that oneDNN declines makes libtorch ask whether NNPACK is available, and on a CPU NNPACK does
/// not support (this AVX-512 machine among them) every such question prints "Could not initialize NNPACK! Reason:
/// Unsupported hardware." to stderr. Switching it off changes no result and no speed there: libtorch picks NNPACK only
/// for batches of 16 or more, which oneDNN always takes. Without oneDNN (the macOS arm64 build), NNPACK is the fast
/// convolution and stays on. See docs/platforms.md.
/// </summary>
internal static class NnpackSwitch
{
    // The exported C++ functions, by their Itanium (Linux, macOS) and MSVC (Windows) names: at::globalContext(),
    // the static at::Context::hasMKLDNN(), and the members Context::setUserEnabledNNPACK(bool) and
    // Context::userEnabledNNPACK() const (the context is passed as the first argument).
    private static readonly string[] GlobalContextNames = ["_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ"];
    private static readonly string[] HasOneDnnNames = ["_ZN2at7Context9hasMKLDNNEv", "?hasMKLDNN@Context@at@@SA_NXZ"];
    private static readonly string[] SetEnabledNames = ["_ZN2at7Context20setUserEnabledNNPACKEb", "?setUserEnabledNNPACK@Context@at@@QEAAX_N@Z"];
    private static readonly string[] IsEnabledNames = ["_ZNK2at7Context17userEnabledNNPACKEv", "?userEnabledNNPACK@Context@at@@QEBA_NXZ"];

    private static readonly Lazy<Functions?> s_functions = new(FindFunctions);
    private static readonly Lazy<bool> s_switchedOff = new(SwitchOffWhereOneDnnConvolves);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate nint GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate byte StaticFlag();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetContextFlag(nint context, byte enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate byte ContextFlag(nint context);

    private sealed record Functions(GlobalContext GlobalContext, StaticFlag HasOneDnn, SetContextFlag SetEnabled, ContextFlag IsEnabled);

    /// <summary>
    /// Switches NNPACK off if libtorch has oneDNN, the first time it is called in the process; later calls do nothing.
    /// Returns whether NNPACK is off (false without oneDNN, or if this libtorch does not export the switch).
    /// </summary>
    public static bool SwitchOffOnce() => s_switchedOff.Value;

    /// <summary>libtorch's current setting, or null if this libtorch does not export it.</summary>
    public static bool? IsEnabled() =>
        s_functions.Value is { } functions ? functions.IsEnabled(functions.GlobalContext()) != 0 : null;

    private static bool SwitchOffWhereOneDnnConvolves()
    {
        if (s_functions.Value is not { } functions || functions.HasOneDnn() == 0) return false;
        functions.SetEnabled(functions.GlobalContext(), 0);
        return true;
    }

    private static Functions? FindFunctions()
    {
        // TorchSharp loads libtorch on first use; loading torch_cpu by name afterwards returns the same library.
        torch.InitializeDeviceType(DeviceType.CPU);
        if (!NativeLibrary.TryLoad("torch_cpu", typeof(torch).Assembly, null, out var library)) return null;
        var globalContext = Find<GlobalContext>(library, GlobalContextNames);
        var hasOneDnn = Find<StaticFlag>(library, HasOneDnnNames);
        var setEnabled = Find<SetContextFlag>(library, SetEnabledNames);
        var isEnabled = Find<ContextFlag>(library, IsEnabledNames);
        return globalContext is null || hasOneDnn is null || setEnabled is null || isEnabled is null
            ? null
            : new Functions(globalContext, hasOneDnn, setEnabled, isEnabled);
    }

    private static T? Find<T>(nint library, string[] names) where T : Delegate
    {
        foreach (var name in names)
            if (NativeLibrary.TryGetExport(library, name, out var address))
                return Marshal.GetDelegateForFunctionPointer<T>(address);
        return null;
    }
}
