namespace MusicFunctions.Upstream;

/// <summary>The upstream task as it stands: status, progress, and the tracks once it has them.</summary>
public sealed record UpstreamTask
{
    public required string TaskId { get; init; }
    public string? Action { get; init; }
    public UpstreamStatus Status { get; init; }

    /// <summary>The status word exactly as sent, so an unknown one can be reported.</summary>
    public string StatusText { get; init; } = "";

    /// <summary>Progress in percent (0..100), when the upstream sent one.</summary>
    public int? Progress { get; init; }
    public string? FailReason { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public IReadOnlyList<UpstreamTrack> Tracks { get; init; } = [];
}
