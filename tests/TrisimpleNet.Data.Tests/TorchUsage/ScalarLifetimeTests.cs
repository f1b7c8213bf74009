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
            .Where(IsScalarConversion)
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

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NoTorchSharpMethodIsCalledThatMakesAScalarForOneCall(string assemblyPath)
    {
        // TorchSharp's own overloads do it too: t.add_(u) is t.add_(u, alpha: 1), t.square() is t.pow(2), and
        // BatchNorm's training forward counts batches with add_(1).
        var makers = MethodCalls.In(typeof(TorchSharp.torch).Assembly.Location)
            .Where(call => IsScalarConversion(call) && !IsStored(call.Next) && !call.Caller.StartsWith("Scalar", StringComparison.Ordinal))
            .Select(call => call.CallerSignature)
            .ToHashSet();
        var calls = MethodCalls.In(assemblyPath)
            .Where(call => makers.Contains(call.Signature))
            .Select(call => $"{call.Caller} ({call.Signature})")
            .Distinct()
            .ToList();

        Assert.True(calls.Count == 0,
            $"{Path.GetFileName(assemblyPath)}: these methods call TorchSharp overloads that make a Scalar they do not keep alive; pass a 'using Scalar' local instead (t.add_(u, one), t.pow(two)): {string.Join(", ", calls)}");
    }

    [Fact]
    public void TheReaderFindsTheTorchCallsItChecks()
    {
        // Guards the two tests above against an IL reader that finds nothing.
        var calls = MethodCalls.In(typeof(AnomalyDetector).Assembly.Location).ToList();

        Assert.Contains(calls, call => call.Type == "Scalar" && call.Method == "op_Implicit" && IsStored(call.Next));
        Assert.Contains(calls, call => call.Type == "Tensor" && call.Method == "clamp_min" && call.Parameters.SequenceEqual(["Scalar"]));
        Assert.Contains(calls, call => call.Caller == "UnfoldPoolAggregator.Aggregate" && call.Method == "index_add_");
        var torchSharp = MethodCalls.In(typeof(TorchSharp.torch).Assembly.Location).ToList();
        Assert.Contains(torchSharp, call => call.CallerSignature == "Tensor.square()" && IsScalarConversion(call) && !IsStored(call.Next));
    }

    private static bool IsScalarConversion(MethodCalls.Call call) =>
        call.Type == "Scalar" && call.Method == "op_Implicit" || call.Method == "ToScalar";

    // A using local (stloc) or a local captured by a lambda (stfld into its closure).
    private static bool IsStored(ILOpCode next) => next is
        ILOpCode.Stloc or ILOpCode.Stloc_s or
        ILOpCode.Stloc_0 or ILOpCode.Stloc_1 or
        ILOpCode.Stloc_2 or ILOpCode.Stloc_3 or
        ILOpCode.Stfld;
}
