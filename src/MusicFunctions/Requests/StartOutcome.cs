using Microsoft.DurableTask.Client;

namespace MusicFunctions.Requests;

/// <summary>What asking for a start did: started a new generation, or found one under the same id.</summary>
public sealed record StartOutcome
{
    public required string InstanceId { get; init; }

    /// <summary>True when this call scheduled the generation.</summary>
    public bool Started { get; init; }

    /// <summary>The generation already under this id (with its input and output); null when <see cref="Started"/>.</summary>
    public OrchestrationMetadata? Existing { get; init; }

    /// <summary>The id is taken by a different request (another body, or not a generation at all).</summary>
    public bool IsConflict { get; init; }
}
