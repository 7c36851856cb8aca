using System.Buffers;
using System.Net;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace MusicFunctions.Archive;

/// <summary>
/// Copies a file from a URL into a block blob. The download is staged block by block from a
/// fixed pair of buffers (memory does not grow with file size) and committed only when every
/// byte has arrived, so a cut-off transfer never leaves a partial blob.
/// </summary>
public sealed class FileArchiver(IHttpClientFactory httpClientFactory, ArchiveContainer container, ILogger<FileArchiver> logger)
{
    public const string HttpClientName = "archive-downloads";

    /// <summary>Size of one staged block; two are in memory per copy (one downloading, one uploading).</summary>
    public const int BlockSize = 4 * 1024 * 1024;

    /// <summary>Copies <paramref name="source"/> to the blob that <paramref name="blobNameFor"/> names for the file's extension.</summary>
    public async Task<ArchivedFile> CopyAsync(
        Uri source, FileKind kind, Func<string, string> blobNameFor, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        using var response = await SendAsync(http, source, cancellationToken);

        var contentType = ContentTypes.Resolve(kind, response.Content.Headers.ContentType?.MediaType);
        var blobName = blobNameFor(ContentTypes.Extension(contentType));
        var blob = (await container.GetAsync(cancellationToken)).GetBlockBlobClient(blobName);
        var expectedLength = response.Content.Headers.ContentLength;

        await using var download = new HashingReadStream(await response.Content.ReadAsStreamAsync(cancellationToken));
        var blockIds = await StageBlocksAsync(blob, download, source, cancellationToken);

        if (expectedLength is { } expected && expected != download.BytesRead)
        {
            throw new ArchiveException(
                $"Download of {Describe(source)} ended after {download.BytesRead} of {expected} bytes.", isRetryable: true);
        }

        var sha256 = download.Sha256Hex();
        var blobMetadata = new Dictionary<string, string>(metadata) { ["sha256"] = sha256 };
        await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType, ContentHash = download.Md5() },
            Metadata = blobMetadata,
        }, cancellationToken);

        logger.LogInformation("Archived {BlobName} ({Bytes} bytes, {ContentType})", blobName, download.BytesRead, contentType);
        return new ArchivedFile
        {
            BlobName = blobName,
            Url = blob.Uri,
            Size = download.BytesRead,
            ContentType = contentType,
            Sha256 = sha256,
        };
    }

    /// <summary>Writes a small in-memory document (the manifest) as a blob.</summary>
    public async Task<ArchivedFile> WriteAsync(string blobName, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlockBlobClient(blobName);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        await blob.UploadAsync(new MemoryStream(content, writable: false), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType, ContentHash = System.Security.Cryptography.MD5.HashData(content) },
            Metadata = new Dictionary<string, string> { ["sha256"] = sha256 },
        }, cancellationToken);
        return new ArchivedFile { BlobName = blobName, Url = blob.Uri, Size = content.Length, ContentType = contentType, Sha256 = sha256 };
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri source, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(source, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ArchiveException($"Could not download {Describe(source)}: {ex.Message}", isRetryable: true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ArchiveException($"Download of {Describe(source)} timed out.", isRetryable: true, ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            // CDNs answer 403 or 5xx on a first try and then serve the file; anything else is final.
            var retryable = status is HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                || (int)status >= 500;
            throw new ArchiveException($"Download of {Describe(source)} failed with HTTP {(int)status}.", retryable);
        }
        return response;
    }

    private static async Task<List<string>> StageBlocksAsync(
        BlockBlobClient blob, Stream download, Uri source, CancellationToken cancellationToken)
    {
        var blockIds = new List<string>();
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(BlockSize), ArrayPool<byte>.Shared.Rent(BlockSize)];
        Task? staging = null;
        try
        {
            for (var current = 0; ; current ^= 1)
            {
                // Fill one buffer while the other is being uploaded.
                int filled;
                try
                {
                    filled = await ReadBlockAsync(download, buffers[current], cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException)
                {
                    throw new ArchiveException($"Download of {Describe(source)} was cut off: {ex.Message}", isRetryable: true, ex);
                }

                if (staging is not null)
                {
                    await staging;
                }
                if (filled == 0)
                {
                    return blockIds;
                }

                var blockId = BlockId(blockIds.Count);
                blockIds.Add(blockId);
                staging = blob.StageBlockAsync(blockId, new MemoryStream(buffers[current], 0, filled, writable: false),
                    cancellationToken: cancellationToken);
            }
        }
        finally
        {
            if (staging is not null)
            {
                await Task.WhenAny(staging);
            }
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    private static async Task<int> ReadBlockAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < BlockSize)
        {
            var read = await source.ReadAsync(buffer.AsMemory(total, BlockSize - total), cancellationToken);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    // Block ids must all have the same length; the same index gives the same id, so a rerun overwrites its own blocks.
    private static string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{index:D6}"));

    // Query strings of CDN URLs often carry signatures: leave them out of messages and logs.
    private static string Describe(Uri source) => source.GetLeftPart(UriPartial.Path);
}
