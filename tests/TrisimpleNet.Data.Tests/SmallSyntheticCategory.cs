using TrisimpleNet.Data.Datasets;
using TrisimpleNet.Data.Synthetic;

namespace TrisimpleNet.Data.Tests;

/// <summary>A small generated grainy-stone category (64 x 64; 4 training images, 3 good and 1 per defect kind to test) in a folder of its own.</summary>
public sealed class SmallSyntheticCategory : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("trisimplenet-small-category-").FullName;

    /// <summary>Generates the category and loads it.</summary>
    public AnomalyDataset Load()
    {
        var folders = SyntheticSurfaceDataset.Generate(_root, new SyntheticSurfaceOptions
        {
            ImageSize = 64,
            TrainCount = 4,
            TestGoodCount = 3,
            TestCountPerDefect = 1,
            Textures = [new GrainyStoneTexture()],
            Seed = 3,
        });
        return MvtecAdDataset.LoadCategory(folders[0]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
