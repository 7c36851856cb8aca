using MusicFunctions.Archive;
using MusicFunctions.Requests;

namespace MusicFunctions.Orchestration.Activities;

/// <summary>What goes into a generation's manifest.json.</summary>
public sealed record ManifestInput
{
    public required string GenerationId { get; init; }
    public required string TaskId { get; init; }
    public required MusicRequest Request { get; init; }
    public required IReadOnlyList<ArchivedTrack> Tracks { get; init; }

    /// <summary>Tracks the upstream produced that could not be archived.</summary>
    public IReadOnlyList<TrackFailure> Failures { get; init; } = [];

    /// <summary>Orchestration time when archiving finished (deterministic, from the context).</summary>
    public required DateTime CompletedAt { get; init; }
}
