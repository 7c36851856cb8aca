using System.ComponentModel.DataAnnotations;
using MusicFunctions.Archive;
using MusicFunctions.Queues;

namespace MusicFunctions.Events;

/// <summary>Where result events go when a generation ends, and how webhook deliveries are signed and retried.</summary>
public sealed class EventOptions : IValidatableObject
{
    public const string SectionName = "Events";

    /// <summary>Shortest webhook secret accepted: 32 characters (a 128-bit random value, hex or base64).</summary>
    public const int MinWebhookSecretLength = 32;

    /// <summary>Storage queue that receives every result event; no queue events when empty.</summary>
    [RegularExpression(QueueNames.Pattern, ErrorMessage = "Events:ResultsQueue must be a valid queue name (3-63 lowercase letters, digits and single hyphens).")]
    public string? ResultsQueue { get; set; }

    /// <summary>
    /// The HMAC-SHA256 key webhook deliveries are signed with. A secret: read by the delivery activity
    /// only, never copied into orchestration state or logs. Requests with a callback_url are refused while it is unset.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Webhook delivery attempts in all, the first one included.</summary>
    [Range(1, 20, ErrorMessage = "Events:CallbackAttempts must be between 1 and 20.")]
    public int CallbackAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; later waits grow by <see cref="CallbackBackoffFactor"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Events:CallbackFirstRetryDelay must be between 10 ms and 1 hour.")]
    public TimeSpan CallbackFirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1.0, 10.0, ErrorMessage = "Events:CallbackBackoffFactor must be between 1 and 10.")]
    public double CallbackBackoffFactor { get; set; } = 2.0;

    /// <summary>Longest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "Events:CallbackMaxRetryDelay must be between 10 ms and 1 day.")]
    public TimeSpan CallbackMaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one delivery attempt, connect to last response byte.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Events:CallbackTimeout must be between 1 second and 5 minutes.")]
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Optional comma-separated hosts callback URLs may point at: exact names or <c>*.suffix</c>.
    /// Empty: any host that passes the address checks (the archive's AllowHttp / AllowPrivateNetworkSources).
    /// </summary>
    public string? AllowedCallbackHosts { get; set; }

    public bool CallbacksEnabled => !string.IsNullOrEmpty(WebhookSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WebhookSecret is { } secret && secret.Length < MinWebhookSecretLength)
        {
            // The length only: the value itself never appears in a message.
            yield return new ValidationResult(
                $"Events:WebhookSecret is {secret.Length} characters; use at least {MinWebhookSecretLength} random characters.",
                [nameof(WebhookSecret)]);
        }
        // The same host-list rules as the archive's allowlist, reported under this setting's name.
        foreach (var problem in new ArchiveOptions { AllowedHosts = AllowedCallbackHosts }.Validate(validationContext))
        {
            yield return new ValidationResult(
                problem.ErrorMessage?.Replace("Archive:AllowedHosts", "Events:AllowedCallbackHosts", StringComparison.Ordinal),
                [nameof(AllowedCallbackHosts)]);
        }
        if (CallbackMaxRetryDelay < CallbackFirstRetryDelay)
        {
            yield return new ValidationResult(
                $"Events:CallbackMaxRetryDelay ({CallbackMaxRetryDelay}) must not be shorter than Events:CallbackFirstRetryDelay ({CallbackFirstRetryDelay}).",
                [nameof(CallbackMaxRetryDelay)]);
        }
    }
}
