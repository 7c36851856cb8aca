using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace MusicFunctions.Archive;

/// <summary>The archive's blob container, created on first use when it does not exist.</summary>
public sealed class ArchiveContainer(BlobServiceClient service, IOptions<ArchiveOptions> options)
{
    private readonly BlobContainerClient _container = service.GetBlobContainerClient(options.Value.Container);
    private Task? _ensureCreated;

    public async Task<BlobContainerClient> GetAsync(CancellationToken cancellationToken)
    {
        // One create call per process; a failed attempt is forgotten so the next caller retries.
        var ensure = _ensureCreated ??= _container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
        try
        {
            await ensure.WaitAsync(cancellationToken);
        }
        catch when (ensure.IsFaulted)
        {
            _ = Interlocked.CompareExchange(ref _ensureCreated, null, ensure);
            throw;
        }
        return _container;
    }
}
