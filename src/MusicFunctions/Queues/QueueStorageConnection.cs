using Microsoft.Extensions.Configuration;
using MusicFunctions.Configuration;

namespace MusicFunctions.Queues;

/// <summary>
/// Which storage account the app's own queues (invalid requests, results) live in: the Functions host's
/// <c>AzureWebJobsStorage</c>, where the request-queue trigger listens too, else <c>ArchiveStorage</c>.
/// Either may be a connection string or identity-based (<c>__queueServiceUri</c>, <c>__serviceUri</c> or
/// <c>__accountName</c>, with optional <c>__credential</c> and <c>__clientId</c>).
/// </summary>
public static class QueueStorageConnection
{
    /// <summary>The configuration to build the QueueServiceClient from (the shape Microsoft.Extensions.Azure reads), or null.</summary>
    public static (string Source, IConfiguration Section)? Resolve(IConfiguration configuration)
    {
        foreach (var name in new[] { ArchiveStorageOptions.HostConnectionName, ArchiveStorageOptions.ConnectionName })
        {
            var section = configuration.GetSection(name);
            if (!string.IsNullOrWhiteSpace(section.Value))
            {
                return (name, section);
            }
            if (section["queueServiceUri"] is { Length: > 0 } queueServiceUri)
            {
                return (name, StorageSection.WithServiceUri(section, queueServiceUri));
            }
            if (section["accountName"] is { Length: > 0 } account)
            {
                return (name, StorageSection.WithServiceUri(section, $"https://{account}.queue.core.windows.net"));
            }
            if (section["serviceUri"] is { Length: > 0 } serviceUri && serviceUri.Contains(".queue.", StringComparison.OrdinalIgnoreCase))
            {
                return (name, section);
            }
            if (configuration.GetConnectionString(name) is { Length: > 0 })
            {
                return (name, configuration.GetSection("ConnectionStrings").GetSection(name));
            }
        }
        return null;
    }
}
