using Microsoft.DurableTask.Client;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Http;

/// <summary>One generation in the list: its id, state and upstream progress, without the result.</summary>
public sealed record GenerationSummary
{
    public required string Id { get; init; }
    public required string RuntimeStatus { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
    public GenerationProgress? Upstream { get; init; }

    /// <summary>The summary of an instance read with its inputs and outputs (which the custom status needs).</summary>
    public static GenerationSummary From(OrchestrationMetadata instance) => FromScan(instance) with
    {
        Upstream = instance.ReadCustomStatusAs<GenerationProgress>(),
    };

    /// <summary>The summary of an instance from a query without inputs and outputs: no upstream progress.</summary>
    public static GenerationSummary FromScan(OrchestrationMetadata instance) => new()
    {
        Id = instance.InstanceId,
        RuntimeStatus = instance.RuntimeStatus.ToString(),
        CreatedAt = instance.CreatedAt,
        LastUpdatedAt = instance.LastUpdatedAt,
    };
}
