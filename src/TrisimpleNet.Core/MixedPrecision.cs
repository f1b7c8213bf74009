using static TorchSharp.torch;

namespace TrisimpleNet;

/// <summary>Linear maps computed in a chosen precision with float32 weights and float32 results (autocast's rule for matmuls).</summary>
internal static class MixedPrecision
{
    /// <summary>The element type of <paramref name="precision"/>, with <see cref="ComputePrecision.Auto"/> resolved for this CPU.</summary>
    public static ScalarType ScalarTypeOf(ComputePrecision precision) =>
        AutoPrecision.Resolve(precision) == ComputePrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;

    /// <summary>input @ weight^T + bias, multiplied in <paramref name="computeType"/>, returned as float32.</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias, ScalarType computeType)
    {
        if (computeType == ScalarType.Float32)
            return nn.functional.linear(input.to(ScalarType.Float32), weight, bias);
        using var scope = NewDisposeScope();
        var product = nn.functional.linear(input.to(computeType), weight.to(computeType), bias?.to(computeType));
        return product.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// sum + input @ weight^T, multiplied in <paramref name="computeType"/>, added in float32: the product is not
    /// widened to float32 first, libtorch's float32 add reads the bfloat16 product as it goes (the same values as
    /// widening then adding, without the widened copy).
    /// </summary>
    public static Tensor AddLinear(Tensor sum, Tensor input, Tensor weight, ScalarType computeType)
    {
        using TorchSharp.Scalar one = 1;
        using var scope = NewDisposeScope();
        var product = nn.functional.linear(input.to(computeType), weight.to(computeType));
        return sum.add(product, one).MoveToOuterDisposeScope();
    }
}
