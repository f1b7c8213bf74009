using System.Text.Json.Nodes;
using TorchSharp;
using TrisimpleNet.Adaptors;
using TrisimpleNet.Parts;
using static TorchSharp.torch;

namespace TrisimpleNet.Core.Tests.Saving;

/// <summary>A user's own adaptor, x + W x, that describes itself and has a registered factory: saved like a built-in part.</summary>
internal sealed class ResidualAdaptor : nn.Module<Tensor, Tensor>, IFeatureAdaptor, IDescribedPart
{
    public const string Name = "test-residual-adaptor";
    private readonly TorchSharp.Modules.Linear linear;
    private readonly int _width;

    public ResidualAdaptor(int width) : base(nameof(ResidualAdaptor))
    {
        _width = width;
        linear = nn.Linear(width, width);
        RegisterComponents();
    }

    public static void Register() => PartFactories.Register(Name, parameters => new ResidualAdaptor(parameters["width"]!.GetValue<int>()));

    public nn.Module<Tensor, Tensor> Network => this;

    public PartSpec Spec => new(Name, new JsonObject { ["width"] = _width });

    // Training hands over the cached features, bfloat16 by default (FeatureCachePrecision).
    public override Tensor forward(Tensor features)
    {
        using var scope = NewDisposeScope();
        var input = features.to(ScalarType.Float32);
        return (input + linear.forward(input)).MoveToOuterDisposeScope();
    }
}
