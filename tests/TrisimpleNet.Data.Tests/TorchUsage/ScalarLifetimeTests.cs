using System.Reflection.Metadata;
using TrisimpleNet.Data.Baselines;

namespace TrisimpleNet.Data.Tests.TorchUsage;

/// <summary>
/// TorchSharp 0.107 passes a <c>Scalar</c>'s native handle to libtorch without keeping the managed object alive, and
/// scalars belong to no dispose scope. A scalar converted implicitly from a number for one call (<c>t.clamp_min(0)</c>,
/// <c>t - 0.5</c>) can therefore be finalised while libtorch still reads it, whenever another thread's allocations start
/// a garbage collection: this crashed the test host under concurrent prediction (docs/thread-safety.md). The library
/// holds every scalar in a <c>using</c> local for the duration of its calls; these tests read the compiled IL and fail
/// on any scalar made for a single call.
/// </summary>
public sealed class ScalarLifetimeTests
{
    public static TheoryData<string> Assemblies => new()
    {
        typeof(AnomalyDetector).Assembly.Location,
        typeof(PatchCore).Assembly.Location,
    };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NoScalarIsConvertedFromANumberJustForOneCall(string assemblyPath)
    {
        var temporaries = MethodCalls.In(assemblyPath)
            .Where(call => call.Type == "Scalar" && call.Method == "op_Implicit" || call.Method == "ToScalar")
            .Where(call => !IsStored(call.Next))
            .Select(call => call.Caller)
            .Distinct()
            .ToList();

        Assert.True(temporaries.Count == 0,
            $"{Path.GetFileName(assemblyPath)}: these methods pass a Scalar made for one call; hold it in a 'using Scalar' local: {string.Join(", ", temporaries)}");
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NoTensorOperatorTakesANumber(string assemblyPath)
    {
        // TorchSharp's operator overloads for numbers (t + 1e-5, 0.5 - t) make their scalar internally, unprotected.
        var operators = MethodCalls.In(assemblyPath)
            .Where(call => call.Type == "Tensor" && call.Method.StartsWith("op_", StringComparison.Ordinal))
            .Where(call => call.Parameters.Any(type => type is "Int32" or "Int64" or "Single" or "Double"))
            .Select(call => $"{call.Caller} ({call.Method})")
            .Distinct()
            .ToList();

        Assert.True(operators.Count == 0,
            $"{Path.GetFileName(assemblyPath)}: these methods apply a tensor operator to a number; use a 'using Scalar' local: {string.Join(", ", operators)}");
    }

    [Fact]
    public void TheReaderFindsTheTorchCallsItChecks()
    {
        // Guards the two tests above against an IL reader that finds nothing.
        var calls = MethodCalls.In(typeof(AnomalyDetector).Assembly.Location).ToList();

        Assert.Contains(calls, call => call.Type == "Scalar" && call.Method == "op_Implicit" && IsStored(call.Next));
        Assert.Contains(calls, call => call.Type == "Tensor" && call.Method == "clamp_min" && call.Parameters.SequenceEqual(["Scalar"]));
        Assert.Contains(calls, call => call.Caller == "UnfoldPoolAggregator.Aggregate" && call.Method == "index_add_");
    }

    // A using local (stloc) or a local captured by a lambda (stfld into its closure).
    private static bool IsStored(ILOpCode next) => next is
        ILOpCode.Stloc or ILOpCode.Stloc_s or
        ILOpCode.Stloc_0 or ILOpCode.Stloc_1 or
        ILOpCode.Stloc_2 or ILOpCode.Stloc_3 or
        ILOpCode.Stfld;
}
