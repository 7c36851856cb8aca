using Microsoft.Azure.Functions.Worker;
using MusicFunctions.Archive;

namespace MusicFunctions.Orchestration.Activities;

/// <summary>
/// Copies one track's MP3 and cover into the archive. Idempotent: blob names are derived from
/// the input alone, so a rerun overwrites the same blobs with the same bytes.
/// </summary>
public sealed class ArchiveTrackActivity(FileArchiver archiver)
{
    public const string Name = "ArchiveTrack";

    [Function(Name)]
    public async Task<ArchivedTrack> RunAsync([ActivityTrigger] ArchiveTrackInput input, CancellationToken cancellationToken)
    {
        var track = input.Track;
        if (!Uri.TryCreate(track.AudioUrl, UriKind.Absolute, out var audioUrl))
        {
            throw new ArchiveException($"Track {input.Number} has no usable audio URL.", isRetryable: false);
        }

        var metadata = new Dictionary<string, string>
        {
            ["generationid"] = input.GenerationId,
            ["taskid"] = Escape(input.TaskId),
            ["trackid"] = Escape(track.Id),
            ["title"] = Escape(track.Title ?? ""),
            ["model"] = Escape(track.ModelName ?? input.RequestedModel ?? ""),
        };

        var audio = await archiver.CopyAsync(audioUrl, FileKind.Audio,
            extension => BlobNaming.Audio(input.GenerationId, input.Number, track.Id, extension), metadata, cancellationToken);

        ArchivedFile? cover = null;
        if (Uri.TryCreate(track.ImageUrl, UriKind.Absolute, out var imageUrl))
        {
            cover = await archiver.CopyAsync(imageUrl, FileKind.Cover,
                extension => BlobNaming.Cover(input.GenerationId, input.Number, track.Id, extension), metadata, cancellationToken);
        }

        return new ArchivedTrack
        {
            Number = input.Number,
            TrackId = track.Id,
            Title = track.Title,
            Tags = track.Tags,
            Prompt = track.Prompt,
            Duration = track.Duration,
            ModelName = track.ModelName ?? input.RequestedModel,
            CreatedAt = track.CreatedAt,
            Audio = audio,
            Cover = cover,
        };
    }

    // Blob metadata values must be ASCII; upstream text (titles in any script) is percent-encoded.
    private static string Escape(string value) => Uri.EscapeDataString(value);
}
