using MusicFunctions.Requests;

namespace MusicFunctions.Orchestration;

/// <summary>
/// Everything a generation run needs, fixed when it starts. Holds no secrets: it is stored in
/// the orchestration history.
/// </summary>
public sealed record GenerationInput
{
    /// <summary>The validated, normalised request sent upstream.</summary>
    public required MusicRequest Request { get; init; }

    public required PollingOptions Polling { get; init; }
}
