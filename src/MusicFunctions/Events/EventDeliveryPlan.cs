namespace MusicFunctions.Events;

/// <summary>
/// Where a generation's result event goes and how its webhook delivery is retried. Copied from
/// <see cref="EventOptions"/> into the orchestration input when the generation starts (the orchestrator
/// reads no configuration), so a run keeps the plan it began with. Never holds the webhook secret.
/// </summary>
public sealed record EventDeliveryPlan
{
    /// <summary>The results queue; null when events are not queued.</summary>
    public string? ResultsQueue { get; init; }
    public int CallbackAttempts { get; init; } = 1;
    public TimeSpan CallbackFirstRetryDelay { get; init; } = TimeSpan.FromSeconds(5);
    public double CallbackBackoffFactor { get; init; } = 2.0;
    public TimeSpan CallbackMaxRetryDelay { get; init; } = TimeSpan.FromMinutes(2);

    public static EventDeliveryPlan From(EventOptions options) => new()
    {
        ResultsQueue = string.IsNullOrWhiteSpace(options.ResultsQueue) ? null : options.ResultsQueue,
        CallbackAttempts = options.CallbackAttempts,
        CallbackFirstRetryDelay = options.CallbackFirstRetryDelay,
        CallbackBackoffFactor = options.CallbackBackoffFactor,
        CallbackMaxRetryDelay = options.CallbackMaxRetryDelay,
    };
}
