namespace TrisimpleNet.Data.Datasets;

/// <summary>Loads datasets in the MVTec AD layout (see <see cref="MvtecAdLayout"/>): the 15 official categories or any folder laid out alike.</summary>
public static class MvtecAdDataset
{
    /// <summary>Loads one category folder, for example <c>.../mvtec_ad/bottle</c> or <c>.../kolektor-sdd</c>.</summary>
    public static AnomalyDataset LoadCategory(string categoryFolder) => MvtecAdLayout.Instance.LoadCategory(categoryFolder);

    /// <summary>
    /// Loads <paramref name="categories"/> (all present, in ordinal order, when null) from <paramref name="root"/>, a folder of
    /// category folders; a category folder itself is also accepted. An absent category is an error listing the available ones.
    /// </summary>
    public static IReadOnlyList<AnomalyDataset> LoadRoot(string root, IReadOnlyList<string>? categories = null) =>
        DatasetRoot.Load(MvtecAdLayout.Instance, root, categories);
}
