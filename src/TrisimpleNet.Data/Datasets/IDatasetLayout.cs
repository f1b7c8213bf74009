namespace TrisimpleNet.Data.Datasets;

/// <summary>
/// A way of laying out one category on disk (MVTec AD today; MVTec LOCO or MVTec AD 2 later), so that
/// <see cref="DatasetRoot"/> can find and load categories of any layout.
/// </summary>
public interface IDatasetLayout
{
    /// <summary>The layout's name for messages, for example "MVTec AD".</summary>
    string Name { get; }

    /// <summary>The official category names of the benchmark, for messages; may be empty.</summary>
    IReadOnlyList<string> KnownCategories { get; }

    /// <summary>True when <paramref name="folder"/> looks like one category in this layout (a cheap check of its sub-folders).</summary>
    bool IsCategoryFolder(string folder);

    /// <summary>Loads the category in <paramref name="categoryFolder"/>, checking the layout's rules eagerly.</summary>
    AnomalyDataset LoadCategory(string categoryFolder);
}
