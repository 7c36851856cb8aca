using System.Buffers;
using System.Net;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;

namespace MusicFunctions.Archive;

/// <summary>
/// The Archive:CopyMode=ServerSide path, taken once the archive has checked the URL and sniffed the
/// file's first bytes: storage fetches the file itself, then the archive reads the stored blob once,
/// streaming, to count, hash and sniff what was actually stored (the source could have served storage
/// other bytes), and only then marks it complete. A stored blob that does not check out is deleted.
/// </summary>
internal sealed class ServerSideCopy(IServerSideCopier copier, ArchiveOptions options, ILogger logger)
{
    private const int ReadBufferSize = 128 * 1024;
    private const int HeadLength = 16;

    // Set when storage said it cannot do this at all (Azurite: 501), so later files stream straight away.
    private volatile bool _storageCannotCopy;

    /// <summary>Whether a file of <paramref name="declaredLength"/> bytes is worth asking storage to fetch.</summary>
    public bool Applies(long? declaredLength) =>
        options.CopyMode == ArchiveCopyMode.ServerSide && !_storageCannotCopy
        && declaredLength is > 0 and <= PutBlobFromUrlCopier.MaxBytes;

    /// <summary>
    /// Has storage copy <paramref name="source"/> into <paramref name="blob"/> and verifies it; null when
    /// storage could not fetch the file (the caller then streams it).
    /// </summary>
    public async Task<ArchivedFile?> TryCopyAsync(
        BlockBlobClient blob, Uri source, long declaredLength, string contentType, FileKind kind,
        Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ETag etag;
        try
        {
            etag = await copier.CopyAsync(blob, source, new BlobHttpHeaders { ContentType = contentType }, metadata, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            _storageCannotCopy |= ex.Status == (int)HttpStatusCode.NotImplemented;
            logger.LogInformation("Storage could not copy {Source} itself ({Status} {ErrorCode}); streaming it instead",
                FileArchiver.Describe(source), ex.Status, ex.ErrorCode);
            return null;
        }

        long size;
        byte[] md5;
        string sha256;
        try
        {
            (size, md5, sha256) = await VerifyStoredAsync(blob, etag, source, declaredLength, contentType, kind, cancellationToken);

            // Content-MD5 and the completion marker (sha256, size) go only on the very bytes just checked.
            var headersSet = await blob.SetHttpHeadersAsync(
                new BlobHttpHeaders { ContentType = contentType, ContentHash = md5 },
                new BlobRequestConditions { IfMatch = etag }, cancellationToken);
            await blob.SetMetadataAsync(
                FileArchiver.Complete(metadata, sha256, size),
                new BlobRequestConditions { IfMatch = headersSet.Value.ETag }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            // Another run of the same activity replaced the blob meanwhile; this attempt proves nothing about it.
            throw new ArchiveException(
                $"The server-side copy of {FileArchiver.Describe(source)} was replaced while it was being checked.", isRetryable: true, ex);
        }

        logger.LogInformation("Archived {BlobName} by server-side copy ({Bytes} bytes, {ContentType}, sha256 {Sha256})",
            blob.Name, size, contentType, sha256);
        return new ArchivedFile
        {
            BlobName = blob.Name,
            Url = blob.Uri,
            Size = size,
            ContentType = contentType,
            Sha256 = sha256,
            Md5 = Convert.ToHexStringLower(md5),
        };
    }

    /// <summary>Reads the stored blob once: its length, its type by its first bytes, its MD5 and SHA-256.</summary>
    private async Task<(long Size, byte[] Md5, string Sha256)> VerifyStoredAsync(
        BlockBlobClient blob, ETag etag, Uri source, long declaredLength, string contentType, FileKind kind,
        CancellationToken cancellationToken)
    {
        var described = FileArchiver.Describe(source);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        try
        {
            using var stored = (await blob.DownloadStreamingAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = etag } }, cancellationToken)).Value;
            var storedLength = stored.Details.ContentLength;
            if (storedLength > options.MaxBytes)
            {
                throw await DeleteAndFailAsync(blob, new ArchiveException(
                    $"Refused {described}: storage fetched {storedLength} bytes, more than Archive:MaxBytes ({options.MaxBytes}).",
                    isRetryable: false), cancellationToken);
            }
            if (storedLength != declaredLength)
            {
                throw await DeleteAndFailAsync(blob, new ArchiveException(
                    $"Server-side copy of {described} stored {storedLength} bytes where {declaredLength} were declared.",
                    isRetryable: true), cancellationToken);
            }

            await using var hashing = new HashingReadStream(stored.Content);
            var head = new byte[HeadLength];
            var headFilled = 0;
            int read;
            while ((read = await hashing.ReadAsync(buffer.AsMemory(0, ReadBufferSize), cancellationToken)) > 0)
            {
                if (headFilled < HeadLength)
                {
                    var take = Math.Min(read, HeadLength - headFilled);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headFilled));
                    headFilled += take;
                }
            }
            if (hashing.BytesRead != declaredLength)
            {
                throw await DeleteAndFailAsync(blob, new ArchiveException(
                    $"Reading back the server-side copy of {described} gave {hashing.BytesRead} of {declaredLength} bytes.",
                    isRetryable: true), cancellationToken);
            }

            string storedType;
            try
            {
                storedType = ContentTypes.Choose(kind, contentType, head.AsSpan(0, headFilled), described);
            }
            catch (ArchiveException refusal)
            {
                throw await DeleteAndFailAsync(blob, refusal, cancellationToken);
            }
            if (storedType != contentType)
            {
                throw await DeleteAndFailAsync(blob, new ArchiveException(
                    $"Server-side copy of {described} stored {storedType} where the archive had checked {contentType}.",
                    isRetryable: true), cancellationToken);
            }
            return (hashing.BytesRead, hashing.Md5(), hashing.Sha256Hex());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<ArchiveException> DeleteAndFailAsync(BlockBlobClient blob, ArchiveException failure, CancellationToken cancellationToken)
    {
        await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
        return failure;
    }
}
