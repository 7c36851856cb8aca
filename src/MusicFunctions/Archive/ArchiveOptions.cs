using System.ComponentModel.DataAnnotations;

namespace MusicFunctions.Archive;

/// <summary>Where and how generated files are archived.</summary>
public sealed class ArchiveOptions
{
    public const string SectionName = "Archive";

    /// <summary>Blob container; created when missing.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$",
        ErrorMessage = "Archive:Container must be a valid blob container name (3-63 lowercase letters, digits and single hyphens).")]
    public string Container { get; set; } = "music";

    /// <summary>Timeout of one file download (the whole transfer).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "02:00:00")]
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
