using System.ComponentModel.DataAnnotations;

namespace MusicFunctions.Maintenance;

/// <summary>How long finished generations keep their Durable history (status, input, output) before the nightly purge.</summary>
public sealed class CleanupOptions
{
    public const string SectionName = "Cleanup";

    /// <summary>Finished generations created longer ago than this are purged. The archived files are not touched.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00", ErrorMessage = "Cleanup:MaxAge must be between 1 hour and 3650 days.")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);
}
