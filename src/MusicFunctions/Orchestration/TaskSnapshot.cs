using MusicFunctions.Upstream;

namespace MusicFunctions.Orchestration;

/// <summary>What one status poll learned: small, so it fits in the orchestration history.</summary>
public sealed record TaskSnapshot
{
    public required string TaskId { get; init; }
    public UpstreamStatus Status { get; init; }
    public string StatusText { get; init; } = "";
    public int? Progress { get; init; }
    public string? FailReason { get; init; }
    public IReadOnlyList<UpstreamTrack> Tracks { get; init; } = [];

    public static TaskSnapshot From(UpstreamTask task) => new()
    {
        TaskId = task.TaskId,
        Status = task.Status,
        StatusText = task.StatusText,
        Progress = task.Progress,
        FailReason = task.FailReason,
        Tracks = task.Tracks,
    };
}
