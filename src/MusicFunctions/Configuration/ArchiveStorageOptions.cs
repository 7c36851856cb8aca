namespace MusicFunctions.Configuration;

/// <summary>
/// How to reach the archive's storage account: the <c>ArchiveStorage</c> connection when set,
/// else the Functions host's own <c>AzureWebJobsStorage</c>.
/// </summary>
public sealed class ArchiveStorageOptions
{
    public const string ConnectionName = "ArchiveStorage";
    public const string HostConnectionName = "AzureWebJobsStorage";

    /// <summary>A storage connection string. A secret: never logged, never put in orchestration state.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Which setting the connection came from, for error messages.</summary>
    public string? Source { get; set; }
}
