namespace TrisimpleNet.Packaging.Tests;

/// <summary>The test classes that share one packed release (packing takes minutes).</summary>
[CollectionDefinition(Name)]
public sealed class PackedReleaseCollection : ICollectionFixture<PackedRelease>
{
    public const string Name = "packed release";
}
