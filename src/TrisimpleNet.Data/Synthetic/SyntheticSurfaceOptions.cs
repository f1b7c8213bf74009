namespace TrisimpleNet.Data.Synthetic;

/// <summary>What <see cref="SyntheticSurfaceDataset.Generate"/> writes: image size, image counts, textures, defects and seed.</summary>
public sealed class SyntheticSurfaceOptions
{
    /// <summary>Width and height of every image in pixels; at least 32.</summary>
    public int ImageSize { get; init; } = 128;

    /// <summary>Defect-free training images per texture; at least 1.</summary>
    public int TrainCount { get; init; } = 40;

    /// <summary>Defect-free test images per texture.</summary>
    public int TestGoodCount { get; init; } = 16;

    /// <summary>Test images per texture and defect type; at least 1.</summary>
    public int TestCountPerDefect { get; init; } = 8;

    /// <summary>The surfaces; each becomes a category folder named after it.</summary>
    public IReadOnlyList<ISurfaceTexture> Textures { get; init; } =
        [new BrushedMetalTexture(), new WovenFabricTexture(), new GrainyStoneTexture()];

    /// <summary>The defect types of every category's test set.</summary>
    public IReadOnlyList<ISurfaceDefect> Defects { get; init; } =
        [new ScratchDefect(), new CrackDefect(), new SpotDefect(), new HoleDefect(), new ContaminationDefect()];

    /// <summary>The seed; the same seed and options give byte-identical files.</summary>
    public int Seed { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    public void Validate()
    {
        if (ImageSize < 32)
            throw new ArgumentException($"ImageSize must be at least 32, but is {ImageSize}.");
        if (TrainCount < 1)
            throw new ArgumentException($"TrainCount must be at least 1, but is {TrainCount}.");
        if (TestGoodCount < 0)
            throw new ArgumentException($"TestGoodCount must not be negative, but is {TestGoodCount}.");
        if (TestCountPerDefect < 1)
            throw new ArgumentException($"TestCountPerDefect must be at least 1, but is {TestCountPerDefect}.");
        if (Textures.Count == 0 || Defects.Count == 0)
            throw new ArgumentException("Textures and Defects must each name at least one entry.");
        var repeated = Textures.Select(texture => texture.Name).Concat(Defects.Select(defect => defect.Name))
            .GroupBy(name => name).FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
            throw new ArgumentException($"The name '{repeated.Key}' is used by more than one texture or defect; names become folder names.");
        if (Defects.Any(defect => defect.Name == "good"))
            throw new ArgumentException("No defect may be named 'good', the folder of defect-free test images.");
    }
}
