using MusicFunctions.Archive;

namespace MusicFunctions.Orchestration;

/// <summary>The orchestration's output: where every archived file went.</summary>
public sealed record GenerationResult
{
    public required string GenerationId { get; init; }
    public required string TaskId { get; init; }
    public required IReadOnlyList<ArchivedTrack> Tracks { get; init; }
    public required ArchivedFile Manifest { get; init; }
}
