namespace TrisimpleNet.Backbones;

/// <summary>
/// Finds ResNet18.onnx and ResNetPreprocess.onnx of the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1:
/// an explicit path, else the application folder (the package's build props copy them to DnnImageModels/), else the
/// NuGet global packages folder.
/// </summary>
internal static class ResNet18OnnxFiles
{
    public const string PackageId = "Microsoft.ML.DnnImageFeaturizer.ResNet18";
    public const string PackageVersion = "0.23.1";
    private const string ModelRelativePath = "DnnImageModels/ResNet18Onnx/ResNet18.onnx";
    private const string PreprocessRelativePath = "DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx";

    /// <summary>ResNet18.onnx: <paramref name="explicitPath"/> when given (it must exist), else the first standard location that has it.</summary>
    public static string FindModel(string? explicitPath)
    {
        if (explicitPath is null)
            return FindStandard(ModelRelativePath, []);
        return File.Exists(explicitPath)
            ? explicitPath
            : throw new FileNotFoundException($"ResNet18 ONNX model '{explicitPath}' does not exist.", explicitPath);
    }

    /// <summary>ResNetPreprocess.onnx, looked for first beside <paramref name="modelPath"/> (same folder and ../ResNetPrepOnnx).</summary>
    public static string FindPreprocess(string modelPath)
    {
        var modelFolder = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        var fileName = Path.GetFileName(PreprocessRelativePath);
        return FindStandard(PreprocessRelativePath,
            [Path.Combine(modelFolder, fileName), Path.Combine(modelFolder, "..", "ResNetPrepOnnx", fileName)]);
    }

    private static string FindStandard(string relativePath, IEnumerable<string> firstCandidates)
    {
        var candidates = firstCandidates
            .Append(Path.Combine(AppContext.BaseDirectory, relativePath))
            .Append(Path.Combine(NuGetPackagesFolder(), PackageId.ToLowerInvariant(), PackageVersion, "tools", relativePath))
            .Select(Path.GetFullPath)
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"'{Path.GetFileName(relativePath)}' was not found; looked at {string.Join(", ", candidates.Select(c => $"'{c}'"))}. " +
                $"It comes with the NuGet package {PackageId} {PackageVersion} (its build props copy it to the application's " +
                $"DnnImageModels folder); reference that package or pass the file's path.");
    }

    private static string NuGetPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
