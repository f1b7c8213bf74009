namespace TrisimpleNet.Data.Datasets;

/// <summary>Loads the categories under a root folder for any <see cref="IDatasetLayout"/>.</summary>
public static class DatasetRoot
{
    /// <summary>
    /// Loads <paramref name="categories"/> (all found, in ordinal order, when null) from <paramref name="root"/>, a folder of
    /// category folders; a category folder itself is also accepted.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="ArgumentException">A requested category is absent; the message lists those available.</exception>
    public static IReadOnlyList<AnomalyDataset> Load(IDatasetLayout layout, string root, IReadOnlyList<string>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"{layout.Name} root folder '{root}' does not exist.");

        var available = FindCategories(layout, root);
        var requested = categories ?? available.Keys.ToArray();
        if (requested.Count == 0)
            throw new InvalidDataException(
                $"Folder '{root}' contains no {layout.Name} category (a category folder holds train/ and test/ folders).");

        return requested.Select(name => available.TryGetValue(name, out var folder)
                ? layout.LoadCategory(folder)
                : throw new ArgumentException(MissingCategoryMessage(layout, root, name, available.Keys), nameof(categories)))
            .ToArray();
    }

    /// <summary>Category names mapped to their folders: <paramref name="root"/> itself when it is a category, else its sub-folders that are.</summary>
    public static IReadOnlyDictionary<string, string> FindCategories(IDatasetLayout layout, string root)
    {
        IEnumerable<string> folders = layout.IsCategoryFolder(root)
            ? [root]
            : Directory.EnumerateDirectories(root).Where(layout.IsCategoryFolder).Order(StringComparer.Ordinal);
        return folders.ToDictionary(CategoryName, folder => folder, StringComparer.Ordinal);
    }

    /// <summary>The name of the category in <paramref name="categoryFolder"/>: the folder's name.</summary>
    public static string CategoryName(string categoryFolder) =>
        Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(categoryFolder)));

    private static string MissingCategoryMessage(IDatasetLayout layout, string root, string name, IEnumerable<string> available)
    {
        var availableList = string.Join(", ", available);
        var official = layout.KnownCategories.Contains(name, StringComparer.Ordinal)
            ? $" ('{name}' is an official {layout.Name} category that is not present here)"
            : "";
        return $"Category '{name}' was not found in '{root}'{official}. Available: {(availableList.Length == 0 ? "none" : availableList)}.";
    }
}
