using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace MusicFunctions.Archive;

/// <summary>Has blob storage fetch a file from a URL itself. A seam: tests stand in for the storage service.</summary>
public interface IServerSideCopier
{
    /// <summary>
    /// Creates or replaces <paramref name="blob"/> with the file at <paramref name="source"/>, fetched
    /// by storage, with the given headers and metadata; returns the new blob's ETag. Fails with
    /// <see cref="RequestFailedException"/> when storage cannot.
    /// </summary>
    Task<ETag> CopyAsync(
        BlockBlobClient blob, Uri source, BlobHttpHeaders headers, IDictionary<string, string> metadata, CancellationToken cancellationToken);
}
