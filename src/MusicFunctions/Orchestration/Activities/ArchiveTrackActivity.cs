using Microsoft.Azure.Functions.Worker;
using MusicFunctions.Archive;

namespace MusicFunctions.Orchestration.Activities;

/// <summary>
/// Copies one track's MP3 and cover into the archive. Idempotent: blob names are derived from the
/// input alone, and a file whose complete copy of the same source is already stored is not
/// downloaded again, so a rerun leaves exactly one correct blob per file. Refusals (a hostile or
/// oversized file, content that is not what it claims) throw <see cref="PermanentFailureException"/>
/// so retry policies give up at once; transient failures throw a retryable <see cref="ArchiveException"/>.
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
            throw new PermanentFailureException($"Track {input.Number} has no usable audio URL.");
        }

        var metadata = new Dictionary<string, string>
        {
            ["generationid"] = Escape(input.GenerationId),
            ["taskid"] = Escape(input.TaskId),
            ["trackid"] = Escape(track.Id),
            ["title"] = Escape(track.Title ?? ""),
            ["model"] = Escape(track.ModelName ?? input.RequestedModel ?? ""),
        };

        var audio = await CopyAsync(input, audioUrl, FileKind.Audio, metadata, cancellationToken);

        ArchivedFile? cover = null;
        if (Uri.TryCreate(track.ImageUrl, UriKind.Absolute, out var imageUrl))
        {
            cover = await CopyAsync(input, imageUrl, FileKind.Cover, metadata, cancellationToken);
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

    private async Task<ArchivedFile> CopyAsync(
        ArchiveTrackInput input, Uri source, FileKind kind, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var stem = BlobNaming.Stem(input.GenerationId, input.Number, input.Track.Id, kind);
        try
        {
            return await archiver.CopyAsync(source, kind, stem, metadata, cancellationToken);
        }
        catch (ArchiveException ex) when (!ex.IsRetryable)
        {
            var what = kind == FileKind.Audio ? "audio" : "cover";
            throw new PermanentFailureException($"Track {input.Number} {what}: {ex.Message}", ex);
        }
    }

    // Blob metadata values must be ASCII; upstream text (titles in any script) is percent-encoded.
    private static string Escape(string value) => Uri.EscapeDataString(value);
}
