using System.Text.Json.Serialization;

namespace MusicFunctions.Orchestration;

/// <summary>The orchestration's custom status while it runs: where the upstream task stands.</summary>
public sealed record GenerationProgress(
    [property: JsonPropertyName("task_id")] string TaskId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("progress")] int? Progress);
