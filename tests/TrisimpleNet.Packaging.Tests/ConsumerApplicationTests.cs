using System.Globalization;

namespace TrisimpleNet.Packaging.Tests;

/// <summary>New console applications built against the packed packages, as a user builds them.</summary>
[Collection(PackedReleaseCollection.Name)]
[Trait("Category", "Slow")]
public sealed class ConsumerApplicationTests : IClassFixture<ConsumerApplications>
{
    private readonly ConsumerRuns _runs;

    public ConsumerApplicationTests(PackedRelease release, ConsumerApplications applications) =>
        _runs = applications.For(release);

    [Fact]
    public void AnApplicationReferencingCoreTrainsPredictsAndLoadsWhatItSaved()
    {
        float score = Number(_runs.TorchValues, "score");
        float loadedScore = Number(_runs.TorchValues, "loaded_score");

        Assert.True(float.IsFinite(score), $"score {score}");
        Assert.Equal(score, loadedScore, 1e-5f);
    }

    [Fact]
    public void TheResNet18WeightsReachTheApplicationsOutputFolder()
    {
        var models = Path.Combine(_runs.TorchOutputFolder, "DnnImageModels");

        Assert.True(new FileInfo(Path.Combine(models, "ResNet18Onnx", "ResNet18.onnx")).Length > 0);
        Assert.True(new FileInfo(Path.Combine(models, "ResNetPrepOnnx", "ResNetPreprocess.onnx")).Length > 0);
    }

    [Fact]
    public void NoMLNetAssemblyOrNativeLibraryReachesTheApplication()
    {
        var files = Directory.GetFiles(_runs.TorchOutputFolder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();

        Assert.DoesNotContain(files, file => file!.StartsWith("Microsoft.ML", StringComparison.Ordinal));
        Assert.DoesNotContain(files, file => file!.StartsWith("libLdaNative", StringComparison.Ordinal));
        Assert.DoesNotContain(files, file => file!.StartsWith("libCpuMathNative", StringComparison.Ordinal));
        Assert.DoesNotContain("Newtonsoft.Json.dll", files);
    }

    [Fact]
    public void AnApplicationReferencingOnlyOnnxScoresTheExportedModelLikeCore()
    {
        Assert.Equal(Number(_runs.TorchValues, "score"), Number(_runs.OnnxValues, "score"), 1e-4f);
        Assert.Equal(_runs.TorchValues["threshold"], _runs.OnnxValues["threshold"]);
    }

    [Fact]
    public void TheOnnxApplicationCarriesNeitherLibtorchNorTorchSharpNorTheResNet18Weights()
    {
        var files = Directory.GetFiles(_runs.OnnxOutputFolder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();

        Assert.Contains("libonnxruntime.so", files);
        Assert.DoesNotContain(files, file => file!.StartsWith("libtorch", StringComparison.Ordinal));
        Assert.DoesNotContain("TorchSharp.dll", files);
        Assert.DoesNotContain("ResNet18.onnx", files);
    }

    [Fact]
    public void AnApplicationReferencingOnlyDataComputesMetrics() =>
        Assert.Equal("0.75", _runs.DataValues["auroc"]);

    [Fact]
    public void AnApplicationReferencingOnlyDataGetsCoresBuildTargetsAndTheResNet18Weights()
    {
        var imports = File.ReadAllText(Path.Combine(_runs.DataProjectFolder, "obj", "DataConsumer.csproj.nuget.g.targets"));

        Assert.Contains("TrisimpleNet.Core.targets", imports);
        Assert.True(new FileInfo(Path.Combine(_runs.DataOutputFolder, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx")).Length > 0);
    }

    private static float Number(IReadOnlyDictionary<string, string> values, string key) =>
        float.Parse(values[key], NumberStyles.Float, CultureInfo.InvariantCulture);
}
