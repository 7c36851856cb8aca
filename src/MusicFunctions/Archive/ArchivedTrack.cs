namespace MusicFunctions.Archive;

/// <summary>A song's metadata from the upstream and where its files were archived.</summary>
public sealed record ArchivedTrack
{
    /// <summary>1-based position of the track in the upstream answer.</summary>
    public required int Number { get; init; }
    public required string TrackId { get; init; }
    public string? Title { get; init; }
    public string? Tags { get; init; }
    public string? Prompt { get; init; }
    public double? Duration { get; init; }
    public string? ModelName { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public required ArchivedFile Audio { get; init; }
    public ArchivedFile? Cover { get; init; }
}
