using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MusicFunctions.Archive;
using MusicFunctions.Orchestration;
using MusicFunctions.StandIn;

namespace MusicFunctions.Testing.Verification;

/// <summary>
/// Checks what a generation left in the archive against what the stand-in served: every blob in its
/// folder must be a complete file whose bytes equal <see cref="StandInFiles"/>'s, or its manifest.
/// </summary>
public static class ArchiveVerifier
{
    private const int ChunkSize = 256 * 1024;

    /// <summary>Every blob under the generation's folder, each compared byte for byte with its source.</summary>
    /// <param name="task">The upstream task the generation submitted; null when it never got one (then no blob may exist).</param>
    public static async Task<IReadOnlyList<BlobVerdict>> VerifyFolderAsync(
        BlobContainerClient container, string generationId, StandInTaskRecord? task, CancellationToken cancellationToken = default)
    {
        var verdicts = new List<BlobVerdict>();
        var folder = BlobNaming.Folder(generationId) + "/";
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder, cancellationToken))
        {
            var size = item.Properties.ContentLength ?? -1;
            if (item.Name == BlobNaming.Manifest(generationId))
            {
                verdicts.Add(new BlobVerdict(item.Name, "manifest", size, await ManifestProblemAsync(container, item.Name, generationId, cancellationToken)));
                continue;
            }
            var source = task is null ? null : SourceOf(item.Name, generationId, task);
            if (source is not { } file)
            {
                verdicts.Add(new BlobVerdict(item.Name, "unknown", size, "no file of this generation has this name"));
                continue;
            }
            var kind = file.Kind == StandInFileKind.Audio ? "audio" : "cover";
            verdicts.Add(new BlobVerdict(item.Name, kind, size, await ContentProblemAsync(container, item.Name, task!, file, cancellationToken)));
        }
        return verdicts;
    }

    /// <summary>
    /// Problems with what a completed generation reports: every track's audio and cover archived, with the
    /// size and SHA-256 of the bytes the stand-in served. Empty when it all holds.
    /// </summary>
    public static async Task<IReadOnlyList<string>> VerifyResultAsync(GenerationResult result, StandInTaskRecord task)
    {
        var problems = new List<string>();
        if (result.Tracks.Count != task.TrackIds.Count)
        {
            problems.Add($"{result.Tracks.Count} tracks archived of the {task.TrackIds.Count} the upstream made");
        }
        foreach (var track in result.Tracks)
        {
            foreach (var (kind, archived) in new[] { (StandInFileKind.Audio, track.Audio), (StandInFileKind.Cover, track.Cover) })
            {
                if (archived is null)
                {
                    problems.Add($"track {track.Number} has no {kind}");
                    continue;
                }
                var length = LengthOf(task, kind);
                var expected = await Sha256Async(task.TaskId, track.TrackId, kind, length);
                if (archived.Size != length || archived.Sha256 != expected)
                {
                    problems.Add($"{archived.BlobName}: reported {archived.Size} bytes, sha256 {archived.Sha256}; the source has {length}, {expected}");
                }
            }
        }
        return problems;
    }

    private static (StandInFileKind Kind, string TrackId)? SourceOf(string blobName, string generationId, StandInTaskRecord task)
    {
        for (var i = 0; i < task.TrackIds.Count; i++)
        {
            foreach (var kind in new[] { FileKind.Audio, FileKind.Cover })
            {
                // Blob names are stem + "." + an extension chosen from the bytes; a cover's stem extends the audio's.
                var stem = BlobNaming.Stem(generationId, i + 1, task.TrackIds[i], kind);
                var rest = blobName.StartsWith(stem + ".", StringComparison.Ordinal) ? blobName[(stem.Length + 1)..] : null;
                if (rest is { Length: > 0 } && !rest.Contains('.') && !rest.Contains('/'))
                {
                    return (kind == FileKind.Audio ? StandInFileKind.Audio : StandInFileKind.Cover, task.TrackIds[i]);
                }
            }
        }
        return null;
    }

    private static async Task<string?> ContentProblemAsync(
        BlobContainerClient container, string blobName, StandInTaskRecord task, (StandInFileKind Kind, string TrackId) file, CancellationToken cancellationToken)
    {
        var length = LengthOf(task, file.Kind);
        var download = (await container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
        await using var stored = download.Content;
        await using var source = StandInFiles.Open(task.TaskId, file.TrackId, file.Kind, length);
        var storedChunk = new byte[ChunkSize];
        var sourceChunk = new byte[ChunkSize];
        long position = 0;
        while (true)
        {
            var read = await stored.ReadAtLeastAsync(storedChunk, ChunkSize, throwOnEndOfStream: false, cancellationToken);
            var expected = await source.ReadAtLeastAsync(sourceChunk, ChunkSize, throwOnEndOfStream: false, cancellationToken);
            if (!storedChunk.AsSpan(0, read).SequenceEqual(sourceChunk.AsSpan(0, expected)))
            {
                var at = position + storedChunk.AsSpan(0, Math.Min(read, expected)).CommonPrefixLength(sourceChunk.AsSpan(0, Math.Min(read, expected)));
                return read != expected && at == position + Math.Min(read, expected)
                    ? $"{position + read} bytes stored of the source's {length} (partial)"
                    : $"differs from the source at byte {at} (corrupt)";
            }
            position += read;
            if (read == 0)
            {
                break;
            }
        }
        var storedMd5 = download.Details.ContentHash;
        if (storedMd5 is not { Length: 16 })
        {
            return null;
        }
        var expectedMd5 = await Md5Async(task.TaskId, file.TrackId, file.Kind, length);
        return storedMd5.SequenceEqual(expectedMd5) ? null : "its Content-MD5 does not match its bytes";
    }

    private static async Task<string?> ManifestProblemAsync(BlobContainerClient container, string blobName, string generationId, CancellationToken cancellationToken)
    {
        var content = (await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content;
        try
        {
            using var manifest = JsonDocument.Parse(content.ToMemory());
            return manifest.RootElement.TryGetProperty("generation_id", out var id) && id.GetString() == generationId
                ? null
                : "the manifest does not name this generation";
        }
        catch (JsonException ex)
        {
            return $"the manifest is not JSON ({ex.Message})";
        }
    }

    private static long LengthOf(StandInTaskRecord task, StandInFileKind kind) =>
        kind == StandInFileKind.Audio ? task.Script.AudioBytes : task.Script.CoverBytes;

    private static async Task<string> Sha256Async(string taskId, string trackId, StandInFileKind kind, long length)
    {
        await using var source = StandInFiles.Open(taskId, trackId, kind, length);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(source));
    }

    private static async Task<byte[]> Md5Async(string taskId, string trackId, StandInFileKind kind, long length)
    {
        await using var source = StandInFiles.Open(taskId, trackId, kind, length);
        return await MD5.HashDataAsync(source);
    }
}
