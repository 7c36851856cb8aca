using Microsoft.DurableTask.Client;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Http;

/// <summary>Our own view of a generation, as GET /api/music/generations/{id} answers it.</summary>
public sealed record GenerationView
{
    public required string Id { get; init; }

    /// <summary>Durable runtime status: pending, running, completed, failed, terminated...</summary>
    public required string RuntimeStatus { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The upstream task while it runs: id, status word and progress in percent.</summary>
    public GenerationProgress? Upstream { get; init; }

    /// <summary>Where every file went, once completed.</summary>
    public GenerationResult? Result { get; init; }

    /// <summary>Why it failed, or why it was cancelled.</summary>
    public string? Error { get; init; }

    /// <summary>The view of an instance read with its inputs and outputs.</summary>
    public static GenerationView From(OrchestrationMetadata instance) => new()
    {
        Id = instance.InstanceId,
        RuntimeStatus = instance.RuntimeStatus.ToString(),
        CreatedAt = instance.CreatedAt,
        LastUpdatedAt = instance.LastUpdatedAt,
        Upstream = instance.ReadCustomStatusAs<GenerationProgress>(),
        Result = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<GenerationResult>() : null,
        Error = instance.FailureDetails?.ErrorMessage
            ?? (instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated ? $"Cancelled: {CancelReason(instance)}" : null),
    };

    /// <summary>The reason a cancelled generation was given (the DELETE stores it as the terminated instance's output).</summary>
    public static string CancelReason(OrchestrationMetadata instance)
    {
        try
        {
            return instance.ReadOutputAs<string>() is { Length: > 0 } reason ? reason : "no reason given";
        }
        catch (System.Text.Json.JsonException)
        {
            return "no reason given";
        }
    }
}
