using Microsoft.Extensions.Configuration;

namespace MusicFunctions.Configuration;

/// <summary>
/// Which storage account holds the archive: the <c>ArchiveStorage</c> connection when set, else
/// the Functions host's own <c>AzureWebJobsStorage</c>. Either may be a connection string or the
/// identity-based form (<c>__serviceUri</c> or <c>__accountName</c>, optionally <c>__credential</c>
/// and <c>__clientId</c>), which authenticates with Azure.Identity.
/// </summary>
public sealed class ArchiveStorageOptions
{
    public const string ConnectionName = "ArchiveStorage";
    public const string HostConnectionName = "AzureWebJobsStorage";

    /// <summary>The setting the archive's connection was taken from; null when neither is set.</summary>
    public string? Source { get; set; }

    /// <summary>
    /// The configuration to build the archive's BlobServiceClient from (the shape
    /// Microsoft.Extensions.Azure reads), or null when no storage is configured.
    /// </summary>
    public static (string Source, IConfiguration Section)? Resolve(IConfiguration configuration)
    {
        foreach (var name in new[] { ConnectionName, HostConnectionName })
        {
            var section = configuration.GetSection(name);
            if (!string.IsNullOrWhiteSpace(section.Value) || !string.IsNullOrWhiteSpace(section["serviceUri"]))
            {
                return (name, section);
            }
            if (section["blobServiceUri"] is { Length: > 0 } blobServiceUri)
            {
                return (name, StorageSection.WithServiceUri(section, blobServiceUri));
            }
            if (section["accountName"] is { Length: > 0 } account)
            {
                // The Functions host's identity form names only the account; the blob endpoint follows from it.
                return (name, StorageSection.WithServiceUri(section, $"https://{account}.blob.core.windows.net"));
            }
            if (configuration.GetConnectionString(name) is { Length: > 0 })
            {
                return (name, configuration.GetSection("ConnectionStrings").GetSection(name));
            }
        }
        return null;
    }
}
