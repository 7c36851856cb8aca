using System.Text.Json;

namespace MusicFunctions.Events;

/// <summary>
/// What the next pipeline stage hears when a generation ends: sent to the results queue and POSTed
/// to the request's callback_url. Its id is derived from the generation and the outcome, so a replay
/// or a redelivery carries the same id and receivers can drop duplicates.
/// </summary>
public sealed record ResultEvent
{
    public required string EventId { get; init; }
    public required string GenerationId { get; init; }

    /// <summary>The caller's request_id, when the request carried one.</summary>
    public string? RequestId { get; init; }
    public required GenerationOutcome Outcome { get; init; }

    /// <summary>Why it did not complete; null when it did.</summary>
    public string? Reason { get; init; }

    /// <summary>The upstream task, when known (completed generations).</summary>
    public string? TaskId { get; init; }
    public IReadOnlyList<ResultTrack> Tracks { get; init; } = [];
    public Uri? ManifestUrl { get; init; }

    /// <summary>When the outcome happened (orchestration time, or the time of the cancel request).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The outcome's word on the wire: completed, failed, timed_out, cancelled.</summary>
    public static string Word(GenerationOutcome outcome) => JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());

    /// <summary>Event id, and the instance id of the orchestration that publishes it: one per generation and outcome.</summary>
    public static string IdFor(string generationId, GenerationOutcome outcome) => $"{generationId}:{Word(outcome)}";
}
