using System.ComponentModel.DataAnnotations;

namespace MusicFunctions.Archive;

/// <summary>Where and how generated files are archived, and which sources the archive trusts.</summary>
public sealed class ArchiveOptions : IValidatableObject
{
    public const string SectionName = "Archive";

    /// <summary>Blob container; created when missing.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$",
        ErrorMessage = "Archive:Container must be a valid blob container name (3-63 lowercase letters, digits and single hyphens).")]
    public string Container { get; set; } = "music";

    /// <summary>Timeout of one download attempt, the whole transfer from request to commit.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00", ErrorMessage = "Archive:DownloadTimeout must be between 1 second and 2 hours.")]
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Timeout of opening a connection to a file server.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Archive:ConnectTimeout must be between 1 second and 5 minutes.")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait for the next bytes of a download before it counts as stalled (and is retried).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = "Archive:IdleTimeout must be between 1 second and 30 minutes.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest file archived; checked against Content-Length up front and counted while streaming.</summary>
    [Range(1L, 100L * 1024 * 1024 * 1024, ErrorMessage = "Archive:MaxBytes must be between 1 byte and 100 GiB.")]
    public long MaxBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Redirects followed per download; each target is checked like the original URL.</summary>
    [Range(0, 20, ErrorMessage = "Archive:MaxRedirects must be between 0 and 20.")]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Further tries of a file copy after a transient failure (403 or 5xx from the CDN, a cut-off body, a timeout).</summary>
    [Range(0, 10, ErrorMessage = "Archive:RetryAttempts must be between 0 and 10.")]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; later retries back off exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Archive:RetryDelay must be between 0 and 5 minutes.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Files that declare a Content-Length up to this size stream into storage as one Put Blob request
    /// (storage creates the blob only once all of it arrived); larger ones, and files without a
    /// Content-Length, go up as staged blocks committed at the end. 0: always blocks. At most 5000 MiB
    /// (the Put Blob limit). The default, 32 MiB, sends a song's MP3 and cover in one request each; bigger
    /// files go as blocks, which upload in parallel and which storage keeps as they arrive, so the copy ends
    /// sooner after the download's last byte (bench/ARCHIVE-BENCHMARK.md compares the two at 10 and 100 MiB).
    /// </summary>
    [Range(0L, 5000L * 1024 * 1024, ErrorMessage = "Archive:SingleUploadMaxBytes must be between 0 and 5000 MiB.")]
    public long SingleUploadMaxBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Blocks of 4 MiB uploading at once while the next one downloads, for files sent as blocks.
    /// Memory per such copy is (UploadConcurrency + 1) x 4 MiB whatever the file size.
    /// </summary>
    [Range(1, 8, ErrorMessage = "Archive:UploadConcurrency must be between 1 and 8.")]
    public int UploadConcurrency { get; set; } = 2;

    /// <summary>
    /// Stream (default): the app downloads each file and streams it into storage. ServerSide: storage fetches
    /// public files itself (Put Blob From URL, up to 5000 MiB) and the app reads the stored blob once to verify it;
    /// files storage cannot fetch (Azurite, private sources) are streamed instead.
    /// </summary>
    [EnumDataType(typeof(ArchiveCopyMode), ErrorMessage = "Archive:CopyMode must be Stream or ServerSide.")]
    public ArchiveCopyMode CopyMode { get; set; } = ArchiveCopyMode.Stream;

    /// <summary>Also accept plain-http file URLs (local runs against the stand-in); https only when false.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Also download from loopback, private, CGNAT, link-local and unique-local addresses (local runs and
    /// tests serve files from 127.0.0.1). Cloud metadata endpoints, multicast and reserved space stay refused.
    /// </summary>
    public bool AllowPrivateNetworkSources { get; set; }

    /// <summary>
    /// Optional comma-separated list of hosts files may come from: exact names (<c>cdn1.suno.ai</c>) or
    /// <c>*.suffix</c> for any subdomain. Empty: any host that passes the address checks.
    /// </summary>
    public string? AllowedHosts { get; set; }

    /// <summary>The entries of <see cref="AllowedHosts"/>, trimmed and lowercased.</summary>
    public IReadOnlyList<string> AllowedHostList() =>
        (AllowedHosts ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(host => host.TrimEnd('.').ToLowerInvariant())
            .ToArray();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in AllowedHostList())
        {
            var host = entry.StartsWith("*.", StringComparison.Ordinal) ? entry[2..] : entry;
            if (host.Contains('*') || Uri.CheckHostName(host) == UriHostNameType.Unknown)
            {
                yield return new ValidationResult(
                    $"Archive:AllowedHosts has '{entry}', which is neither a host name nor '*.' and a domain.", [nameof(AllowedHosts)]);
            }
        }
    }
}
