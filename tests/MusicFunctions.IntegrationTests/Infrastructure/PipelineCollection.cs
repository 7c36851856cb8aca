namespace MusicFunctions.IntegrationTests.Infrastructure;

/// <summary>Test classes in this collection share one Azurite, one stand-in upstream and one test host.</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline";
}
