using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.Faults;

/// <summary>One row of the fault suite: generations run together while the upstream or the storage misbehaves.</summary>
public sealed record FaultScenario
{
    public required string Name { get; init; }

    /// <summary>What goes wrong, in a few words, for the summary.</summary>
    public required string What { get; init; }

    public int Generations { get; init; } = 4;

    /// <summary>The stand-in's script for generation number i.</summary>
    public Func<int, GenerationScript> Script { get; init; } = FaultScenarios.QuickSong;

    /// <summary>Faults queued before the generations start.</summary>
    public IReadOnlyList<(StandInEndpoint Endpoint, StandInFault Fault, int Times)> Faults { get; init; } = [];

    /// <summary>Runs alongside the generations: later fault bursts, a storage outage.</summary>
    public Func<ScenarioContext, Task>? During { get; init; }

    /// <summary>How many generations must end Failed (the rest Completed), as the upstream scripted them.</summary>
    public int ExpectedFailures { get; init; }

    /// <summary>Any mix of Completed and Failed with a clear reason is right (completing would need a second charge).</summary>
    public bool MayFail { get; init; }

    /// <summary>Text every failed generation's reason must contain; null: any clear reason.</summary>
    public string? ExpectedFailureText { get; init; }

    /// <summary>How long the generations get to end before the ones still running count as lost.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(45);

    public override string ToString() => Name;
}
