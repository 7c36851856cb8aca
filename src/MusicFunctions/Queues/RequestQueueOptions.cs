using System.ComponentModel.DataAnnotations;

namespace MusicFunctions.Queues;

/// <summary>
/// The request queue's companion settings. The queue the trigger listens on is the app setting
/// <c>MusicRequestsQueue</c> (a binding expression, resolved by the Functions host, so it is not here).
/// </summary>
public sealed class RequestQueueOptions
{
    public const string SectionName = "RequestQueue";

    /// <summary>The app setting that names the queue the trigger listens on; it must be set.</summary>
    public const string TriggerQueueSetting = "MusicRequestsQueue";

    /// <summary>Where messages that are not a valid music request go, with the reasons, instead of being retried.</summary>
    [Required]
    [RegularExpression(QueueNames.Pattern, ErrorMessage = "RequestQueue:InvalidQueue must be a valid queue name (3-63 lowercase letters, digits and single hyphens).")]
    public string InvalidQueue { get; set; } = "music-requests-invalid";
}
