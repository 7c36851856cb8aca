using MusicFunctions.Archive;

namespace MusicFunctions.Events;

/// <summary>A finished song in a result event: its metadata and its archived files. The prompt is left out to keep events small.</summary>
public sealed record ResultTrack
{
    public required int Number { get; init; }
    public required string TrackId { get; init; }
    public string? Title { get; init; }
    public string? Tags { get; init; }
    public double? Duration { get; init; }
    public string? ModelName { get; init; }
    public required ResultFile Audio { get; init; }
    public ResultFile? Cover { get; init; }

    public static ResultTrack From(ArchivedTrack track) => new()
    {
        Number = track.Number,
        TrackId = track.TrackId,
        Title = track.Title,
        Tags = track.Tags,
        Duration = track.Duration,
        ModelName = track.ModelName,
        Audio = ResultFile.From(track.Audio),
        Cover = track.Cover is null ? null : ResultFile.From(track.Cover),
    };
}
