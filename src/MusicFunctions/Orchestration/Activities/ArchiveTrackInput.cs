using MusicFunctions.Upstream;

namespace MusicFunctions.Orchestration.Activities;

/// <summary>Which track to archive, and for which generation. Metadata only, never file bytes.</summary>
public sealed record ArchiveTrackInput
{
    public required string GenerationId { get; init; }
    public required string TaskId { get; init; }

    /// <summary>1-based position of the track in the upstream answer.</summary>
    public required int Number { get; init; }
    public required UpstreamTrack Track { get; init; }

    /// <summary>The model the request asked for, used when the track does not name one.</summary>
    public string? RequestedModel { get; init; }
}
