namespace TrisimpleNet.Data.Synthetic;

/// <summary>A kind of procedural defect; each becomes one test defect type of a <see cref="SyntheticSurfaceDataset"/>.</summary>
public interface ISurfaceDefect
{
    /// <summary>The defect type and folder name, for example "scratch".</summary>
    string Name { get; }

    /// <summary>
    /// Draws one defect into <paramref name="surface"/> (<paramref name="size"/> x <paramref name="size"/> gray values, row-major)
    /// and returns its coverage: per pixel how much the defect covers it, in [0, 1]; the mask marks coverage of at least one half.
    /// </summary>
    float[] Draw(float[] surface, int size, Random random);
}
