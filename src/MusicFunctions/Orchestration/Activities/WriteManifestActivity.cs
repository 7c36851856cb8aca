using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using MusicFunctions.Archive;

namespace MusicFunctions.Orchestration.Activities;

/// <summary>Writes manifest.json beside the archived files: the request, the task and every track.</summary>
public sealed class WriteManifestActivity(FileArchiver archiver)
{
    public const string Name = "WriteManifest";

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    [Function(Name)]
    public Task<ArchivedFile> RunAsync([ActivityTrigger] ManifestInput input, CancellationToken cancellationToken)
    {
        var manifest = new
        {
            generation_id = input.GenerationId,
            completed_at = input.CompletedAt,
            request = input.Request,
            upstream = new { task_id = input.TaskId },
            tracks = input.Tracks,
            failed_tracks = input.Failures,
        };
        var content = JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson);
        return archiver.WriteAsync(BlobNaming.Manifest(input.GenerationId), content, ContentTypes.Json, cancellationToken);
    }
}
