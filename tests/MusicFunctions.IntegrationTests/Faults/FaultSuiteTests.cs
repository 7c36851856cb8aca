using Xunit.Abstractions;

namespace MusicFunctions.IntegrationTests.Faults;

/// <summary>
/// Proof under faults: for every scenario, each generation ends Completed or Failed with a clear reason,
/// submits upstream exactly once, and leaves only complete files byte-identical to their source (or its
/// manifest) in the archive. A summary table goes to the test output and to the console.
/// </summary>
[Collection(FaultSuiteCollection.Name)]
public class FaultSuiteTests(FaultSuiteFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios => FaultScenarios.Names();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task RunScenario_InjectedFaults_EveryGenerationEndsCleanlyWithVerifiedBytes(string name)
    {
        // Arrange
        var scenario = FaultScenarios.All.Single(s => s.Name == name);
        output.WriteLine($"{scenario.Name}: {scenario.What}");

        // Act
        var report = await fixture.RunAsync(scenario, output.WriteLine);

        // Assert
        var table = SummaryTable.Render(fixture.Reports);
        output.WriteLine(table);
        Console.WriteLine($"Fault suite after '{scenario.Name}':{Environment.NewLine}{table}");
        report.Violations().Should().BeEmpty($"scenario '{scenario.Name}' ({scenario.What}) must end cleanly");
    }
}
