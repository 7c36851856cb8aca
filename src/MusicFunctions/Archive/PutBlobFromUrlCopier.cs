using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace MusicFunctions.Archive;

/// <summary>
/// Put Blob From URL: storage downloads the source and creates the blob in one operation, so a
/// failed fetch leaves no blob behind. Sources up to <see cref="MaxBytes"/>.
/// </summary>
public sealed class PutBlobFromUrlCopier : IServerSideCopier
{
    /// <summary>The largest source Put Blob From URL takes (5000 MiB).</summary>
    public const long MaxBytes = 5000L * 1024 * 1024;

    public async Task<ETag> CopyAsync(
        BlockBlobClient blob, Uri source, BlobHttpHeaders headers, IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var created = await blob.SyncUploadFromUriAsync(source, new BlobSyncUploadFromUriOptions
        {
            HttpHeaders = headers,
            Metadata = metadata,
            // The headers chosen here (the sniffed content type) win over whatever the source sent.
            CopySourceBlobProperties = false,
        }, cancellationToken);
        return created.Value.ETag;
    }
}
