namespace TrisimpleNet.Data.Synthetic;

/// <summary>A procedural defect-free surface; each texture becomes one category of a <see cref="SyntheticSurfaceDataset"/>.</summary>
public interface ISurfaceTexture
{
    /// <summary>The category folder name, for example "brushed_metal".</summary>
    string Name { get; }

    /// <summary>Renders a new sample of the surface: <paramref name="size"/> x <paramref name="size"/> gray values in [0, 1], row-major.</summary>
    float[] Render(int size, Random random);
}
