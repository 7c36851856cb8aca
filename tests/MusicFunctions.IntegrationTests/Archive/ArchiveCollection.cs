namespace MusicFunctions.IntegrationTests.Archive;

/// <summary>Archive test classes share one Azurite and one stand-in upstream; each test builds its own services.</summary>
[CollectionDefinition(Name)]
public sealed class ArchiveCollection : ICollectionFixture<ArchiveFixture>
{
    public const string Name = "archive";
}
