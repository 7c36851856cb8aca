using System.Buffers;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using Polly.Timeout;

namespace MusicFunctions.Archive;

/// <summary>
/// Copies a file from an untrusted URL into a block blob without holding it in memory, and so that
/// a cut-off transfer never leaves a partial blob: a file with a Content-Length up to
/// Archive:SingleUploadMaxBytes streams straight into one Put Blob request (storage creates the
/// blob only when all of it arrived); others are staged in 4 MiB blocks from a fixed set of pooled
/// buffers (one downloading while up to Archive:UploadConcurrency upload) and committed at the end.
/// Bytes are counted against Content-Length and hashed (MD5, SHA-256) on the way; the blob is
/// marked complete (sha256 metadata) only after that. A transient failure re-runs the whole copy
/// from the start (Polly retry); a refusal (URL, size, content) is final.
/// </summary>
public sealed class FileArchiver(
    IHttpClientFactory httpClientFactory,
    ArchiveContainer container,
    ArchiveSourcePolicy sourcePolicy,
    ResiliencePipelineProvider<string> pipelines,
    IServerSideCopier serverSideCopier,
    IOptions<ArchiveOptions> options,
    ILogger<FileArchiver> logger)
{
    public const string HttpClientName = "archive-downloads";

    /// <summary>The Polly pipeline (retry around a per-attempt timeout) each file copy runs in.</summary>
    public const string CopyPipelineName = "archive-copy";

    /// <summary>Size of one staged block; Archive:UploadConcurrency + 1 are in memory per copy.</summary>
    public const int BlockSize = 4 * 1024 * 1024;

    // First bytes peeked before choosing the blob: enough to sniff the type and to show in a refusal.
    private const int HeadLength = 16;

    // Blob metadata the archiver writes next to the caller's, and reads back to recognise a finished copy.
    internal const string Sha256Key = "sha256";
    internal const string SizeKey = "size";
    internal const string KindKey = "kind";
    internal const string SourceKey = "sourceid";

    // Each block carries its MD5, so storage checks it on arrival (and Azurite skips a slow CRC64 of its own).
    private static readonly BlockBlobStageBlockOptions StageBlockOptions = new()
    {
        TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
    };

    private readonly ArchiveOptions _options = options.Value;

    // Block buffers come from a pool of this archiver's own, not ArrayPool<byte>.Shared: the shared pool
    // parks a returned array in the returning thread's slot, where the next copy (continuing on another
    // thread) does not see it and rents a fresh 4 MiB array, so the heap crept up copy after copy.
    // Up to two copies' worth stay pooled; more (copies running in parallel) go back to the GC.
    private readonly ArrayPool<byte> _blockBuffers =
        ArrayPool<byte>.Create(BlockSize, maxArraysPerBucket: 2 * (options.Value.UploadConcurrency + 1));
    private readonly ServerSideCopy _serverSide = new(serverSideCopier, options.Value, logger);

    /// <summary>
    /// Copies <paramref name="source"/> to <c>{blobStem}.{extension}</c>, the extension following the
    /// type the file's bytes show. When a complete copy of the same source is already stored under
    /// that stem (an earlier run of the same activity), it is returned without downloading again.
    /// </summary>
    public async Task<ArchivedFile> CopyAsync(
        Uri source, FileKind kind, string blobStem, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        sourcePolicy.EnsureAllowedUrl(source);
        var blobs = await container.GetAsync(cancellationToken);
        var sourceId = SourceId(source);

        var (earlier, earlierNames) = await FindEarlierCopiesAsync(blobs, kind, blobStem, sourceId, cancellationToken);
        if (earlier is not null)
        {
            logger.LogInformation("{BlobName} already holds a complete copy of {Source}; not downloading it again",
                earlier.BlobName, Describe(source));
            await DeleteAllButAsync(blobs, earlierNames, earlier.BlobName, cancellationToken);
            return earlier;
        }

        ArchivedFile archived;
        try
        {
            archived = await pipelines.GetPipeline(CopyPipelineName).ExecuteAsync(
                async attempt => await CopyOnceAsync(blobs, source, kind, blobStem, metadata, sourceId, serverSideAllowed: true, attempt),
                cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ArchiveException(
                $"Download of {Describe(source)} did not finish within Archive:DownloadTimeout ({_options.DownloadTimeout}).", isRetryable: true, ex);
        }

        // A copy stored earlier under another extension (the source changed type) would be a second blob for one file.
        await DeleteAllButAsync(blobs, earlierNames, archived.BlobName, cancellationToken);
        return archived;
    }

    /// <summary>Writes a small in-memory document (the manifest) as a blob.</summary>
    public async Task<ArchivedFile> WriteAsync(string blobName, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var blob = (await container.GetAsync(cancellationToken)).GetBlockBlobClient(blobName);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var md5 = MD5.HashData(content);
        await blob.UploadAsync(new MemoryStream(content, writable: false), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType, ContentHash = md5 },
            Metadata = new Dictionary<string, string> { [Sha256Key] = sha256 },
        }, cancellationToken);
        return new ArchivedFile
        {
            BlobName = blobName,
            Url = blob.Uri,
            Size = content.Length,
            ContentType = contentType,
            Sha256 = sha256,
            Md5 = Convert.ToHexStringLower(md5),
        };
    }

    /// <summary>A URL for messages and logs: without its query, which on CDN URLs often carries a signature.</summary>
    internal static string Describe(Uri source) => source.IsAbsoluteUri ? source.GetLeftPart(UriPartial.Path) : "a relative URL";

    /// <summary>
    /// One attempt: download (following checked redirects), sniff, then either have storage fetch the file
    /// (Archive:CopyMode=ServerSide, when storage can) or upload it while it downloads; verify, mark complete.
    /// </summary>
    private async Task<ArchivedFile> CopyOnceAsync(
        BlobContainerClient blobs, Uri source, FileKind kind, string blobStem, IReadOnlyDictionary<string, string> metadata,
        string sourceId, bool serverSideAllowed, CancellationToken cancellationToken)
    {
        using var response = await SendFollowingRedirectsAsync(source, cancellationToken);
        var declaredLength = response.Content.Headers.ContentLength;
        if (declaredLength > _options.MaxBytes)
        {
            throw new ArchiveException(
                $"Refused {Describe(source)}: it declares {declaredLength} bytes, more than Archive:MaxBytes ({_options.MaxBytes}).",
                isRetryable: false);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var download = new SourceStream(
            new HashingReadStream(await response.Content.ReadAsStreamAsync(cancellationToken)), idle, _options, source, cancellationToken);

        // The first bytes decide the type, and so the blob's name, before anything is written.
        var head = await download.PeekAsync(HeadLength);
        if (head.Length == 0)
        {
            throw new ArchiveException($"Refused {Describe(source)}: the file is empty.", isRetryable: false);
        }
        var contentType = ContentTypes.Choose(kind, response.Content.Headers.ContentType?.MediaType, head.Span, Describe(source));
        var blob = blobs.GetBlockBlobClient($"{blobStem}.{ContentTypes.Extension(contentType)}");

        var blobMetadata = new Dictionary<string, string>(metadata)
        {
            [KindKey] = KindName(kind),
            [SourceKey] = sourceId,
        };
        if (serverSideAllowed && _serverSide.Applies(declaredLength))
        {
            // Storage fetches the file from where the redirects led (already checked); this download stops here.
            var checkedUrl = response.RequestMessage?.RequestUri ?? source;
            await download.DisposeAsync();
            response.Dispose();
            return await _serverSide.TryCopyAsync(blob, checkedUrl, declaredLength!.Value, contentType, kind, blobMetadata, cancellationToken)
                ?? await CopyOnceAsync(blobs, source, kind, blobStem, metadata, sourceId, serverSideAllowed: false, cancellationToken);
        }
        if (declaredLength is { } length && length <= _options.SingleUploadMaxBytes)
        {
            await UploadInOneRequestAsync(blob, download, length, contentType, blobMetadata, source, cancellationToken);
        }
        else
        {
            await UploadInBlocksAsync(blob, download, declaredLength, contentType, blobMetadata, source, cancellationToken);
        }

        logger.LogInformation("Archived {BlobName} ({Bytes} bytes, {ContentType}, sha256 {Sha256})",
            blob.Name, download.BytesRead, contentType, download.Sha256Hex());
        return new ArchivedFile
        {
            BlobName = blob.Name,
            Url = blob.Uri,
            Size = download.BytesRead,
            ContentType = contentType,
            Sha256 = download.Sha256Hex(),
            Md5 = Convert.ToHexStringLower(download.Md5()),
        };
    }

    /// <summary>
    /// Streams the download straight into one Put Blob request. Storage creates the blob only when
    /// the whole declared length arrived, so a cut-off download leaves nothing; the MD5 storage
    /// computed is then checked against ours before the blob is marked complete (sha256 metadata).
    /// </summary>
    private static async Task UploadInOneRequestAsync(
        BlockBlobClient blob, SourceStream download, long length, string contentType, Dictionary<string, string> metadata,
        Uri source, CancellationToken cancellationToken)
    {
        BlobContentInfo stored;
        try
        {
            stored = (await blob.UploadAsync(new KnownLengthStream(download, length), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = metadata,
            }, cancellationToken)).Value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The storage client reports a failed read of its request body in its own words; say what happened.
            // Anything else failed the upload itself, which the storage client cannot replay (the body is a live
            // download): the whole copy is tried again instead.
            throw download.Failure is { } failure
                ? new ArchiveException(failure.Message, failure.IsRetryable, ex)
                : new ArchiveException($"Upload of {blob.Name} failed: {ex.Message}", isRetryable: true, ex);
        }

        var md5 = download.Md5();
        if (download.BytesRead != length || (stored.ContentHash is { } storedMd5 && !storedMd5.AsSpan().SequenceEqual(md5)))
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            throw new ArchiveException(
                $"Copy of {Describe(source)} did not verify: storage holds other bytes than the {download.BytesRead} downloaded.", isRetryable: true);
        }
        if (stored.ContentHash is null)
        {
            await blob.SetHttpHeadersAsync(new BlobHttpHeaders { ContentType = contentType, ContentHash = md5 }, cancellationToken: cancellationToken);
        }
        await blob.SetMetadataAsync(Complete(metadata, download), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Stages the download block by block and commits the list only when every byte arrived and was
    /// counted: for files without a Content-Length, or larger than Archive:SingleUploadMaxBytes.
    /// </summary>
    private async Task UploadInBlocksAsync(
        BlockBlobClient blob, SourceStream download, long? declaredLength, string contentType, Dictionary<string, string> metadata,
        Uri source, CancellationToken cancellationToken)
    {
        var buffers = new byte[_options.UploadConcurrency + 1][];
        for (var i = 0; i < buffers.Length; i++)
        {
            buffers[i] = _blockBuffers.Rent(BlockSize);
        }
        try
        {
            var blockIds = await StageBlocksAsync(blob, download, buffers, cancellationToken);
            if (declaredLength is { } expected && expected != download.BytesRead)
            {
                throw new ArchiveException(
                    $"Download of {Describe(source)} ended after {download.BytesRead} of {expected} bytes.", isRetryable: true);
            }
            await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType, ContentHash = download.Md5() },
                Metadata = Complete(metadata, download),
            }, cancellationToken);
        }
        finally
        {
            foreach (var buffer in buffers)
            {
                _blockBuffers.Return(buffer);
            }
        }
    }

    private static Dictionary<string, string> Complete(Dictionary<string, string> metadata, SourceStream download) =>
        Complete(metadata, download.Sha256Hex(), download.BytesRead);

    /// <summary>The metadata that marks a stored copy complete: its SHA-256 and size, known once every byte was read.</summary>
    internal static Dictionary<string, string> Complete(Dictionary<string, string> metadata, string sha256, long size) =>
        new(metadata)
        {
            [Sha256Key] = sha256,
            [SizeKey] = size.ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>GETs the file, following up to Archive:MaxRedirects redirects, each target checked before it is requested.</summary>
    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(Uri source, CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        var url = source;
        for (var redirects = 0; ; redirects++)
        {
            sourcePolicy.EnsureAllowedUrl(url);
            var response = await SendAsync(http, url, cancellationToken);
            if (!IsRedirect(response.StatusCode))
            {
                return EnsureSuccess(response, url);
            }

            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw new ArchiveException($"Download of {Describe(url)} was redirected without a Location.", isRetryable: false);
            }
            if (redirects >= _options.MaxRedirects)
            {
                throw new ArchiveException(
                    $"Refused {Describe(source)}: more than {_options.MaxRedirects} redirects (Archive:MaxRedirects).", isRetryable: false);
            }
            url = location.IsAbsoluteUri ? location : new Uri(url, location);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // The guarded connect reports refusals (and DNS trouble) as ArchiveException; the handler wraps them.
            if (FindInner<ArchiveException>(ex) is { } archiveFailure)
            {
                throw new ArchiveException(archiveFailure.Message, archiveFailure.IsRetryable, ex);
            }
            throw new ArchiveException($"Could not download {Describe(url)}: {ex.Message}", isRetryable: true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ArchiveException($"Download of {Describe(url)} timed out waiting for a response.", isRetryable: true, ex);
        }
    }

    private static HttpResponseMessage EnsureSuccess(HttpResponseMessage response, Uri url)
    {
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        var status = response.StatusCode;
        response.Dispose();
        // CDNs answer 403 or 5xx on a first try and then serve the file; anything else is final.
        var retryable = status is HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            || (int)status >= 500;
        throw new ArchiveException($"Download of {Describe(url)} failed with HTTP {(int)status}.", retryable);
    }

    /// <summary>Stages blocks; up to buffers.Length - 1 of them upload at once while the next one downloads into the remaining buffer.</summary>
    private static async Task<List<string>> StageBlocksAsync(
        BlockBlobClient blob, SourceStream download, byte[][] buffers, CancellationToken cancellationToken)
    {
        // Ids unique to this attempt: a commit can only ever name blocks that this attempt staged,
        // even if another run of the same activity is staging blocks for the same blob at the same time.
        var attempt = Guid.NewGuid().ToString("N");
        var blockIds = new List<string>();
        var uploading = new Queue<(Task Staging, byte[] Buffer)>();
        var free = new Stack<byte[]>(buffers);
        try
        {
            while (true)
            {
                var current = free.Pop();
                var filled = await ReadBlockAsync(download, current, cancellationToken);
                if (filled == 0)
                {
                    break;
                }
                var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{attempt}-{blockIds.Count:D6}"));
                blockIds.Add(blockId);
                uploading.Enqueue((blob.StageBlockAsync(blockId, new MemoryStream(current, 0, filled, writable: false),
                    StageBlockOptions, cancellationToken), current));
                if (free.Count == 0)
                {
                    var (staging, buffer) = uploading.Dequeue();
                    await staging;
                    free.Push(buffer);
                }
            }
            while (uploading.TryDequeue(out var pending))
            {
                await pending.Staging;
            }
            return blockIds;
        }
        catch
        {
            // Buffers go back to the pool only once no upload reads them any more.
            try
            {
                await Task.WhenAll(uploading.Select(pending => pending.Staging));
            }
            catch
            {
                // The failure that stopped the copy is the one reported.
            }
            throw;
        }
    }

    /// <summary>Fills <paramref name="buffer"/> with the next block, short only at the end of the file; 0 when it has ended.</summary>
    private static async Task<int> ReadBlockAsync(Stream download, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < BlockSize)
        {
            var read = await download.ReadAsync(buffer.AsMemory(total, BlockSize - total), cancellationToken);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    /// <summary>The copy stored under <paramref name="blobStem"/> that is complete and of the same source, and every name found there.</summary>
    private static async Task<(ArchivedFile? Complete, List<string> Names)> FindEarlierCopiesAsync(
        BlobContainerClient blobs, FileKind kind, string blobStem, string sourceId, CancellationToken cancellationToken)
    {
        var extensions = ContentTypes.ExtensionsOf(kind);
        var names = new List<string>();
        ArchivedFile? complete = null;
        await foreach (var item in blobs.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, blobStem + ".", cancellationToken))
        {
            if (!extensions.Contains(item.Name[(blobStem.Length + 1)..]))
            {
                continue;
            }
            names.Add(item.Name);
            // Blobs are committed only after every byte arrived and was counted against Content-Length,
            // so a committed blob whose metadata names this source and whose size matches is complete.
            var meta = item.Metadata;
            if (complete is null
                && meta.TryGetValue(SourceKey, out var storedSource) && storedSource == sourceId
                && meta.TryGetValue(KindKey, out var storedKind) && storedKind == KindName(kind)
                && meta.TryGetValue(Sha256Key, out var sha256) && sha256.Length == 64
                && meta.TryGetValue(SizeKey, out var size) && size == item.Properties.ContentLength?.ToString(CultureInfo.InvariantCulture)
                && item.Properties.ContentHash is { Length: 16 } md5
                && item.Properties.ContentType is { } contentType && ContentTypes.IsOfKind(contentType, kind))
            {
                complete = new ArchivedFile
                {
                    BlobName = item.Name,
                    Url = blobs.GetBlobClient(item.Name).Uri,
                    Size = item.Properties.ContentLength!.Value,
                    ContentType = contentType,
                    Sha256 = sha256,
                    Md5 = Convert.ToHexStringLower(md5),
                };
            }
        }
        return (complete, names);
    }

    private static async Task DeleteAllButAsync(BlobContainerClient blobs, List<string> names, string keep, CancellationToken cancellationToken)
    {
        foreach (var name in names.Where(name => name != keep))
        {
            await blobs.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
        }
    }

    // The source's identity in blob metadata: a hash, because the URL's query may carry a signature.
    private static string SourceId(Uri source) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source.AbsoluteUri)));

    private static string KindName(FileKind kind) => kind == FileKind.Audio ? "audio" : "cover";

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static T? FindInner<T>(Exception exception) where T : Exception
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is T found)
            {
                return found;
            }
        }
        return null;
    }
}
