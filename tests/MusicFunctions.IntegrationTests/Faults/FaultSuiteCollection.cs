namespace MusicFunctions.IntegrationTests.Faults;

/// <summary>
/// The fault suite shares one Azurite, stand-in and engine, and runs alone: its timings and its storage
/// outage should not compete with the other test collections for two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultSuiteCollection : ICollectionFixture<FaultSuiteFixture>
{
    public const string Name = "fault suite";
}
