using System.ComponentModel.DataAnnotations;

namespace MusicFunctions.Upstream;

/// <summary>
/// The HTTP client's own short retries (<c>MusicApi:Retry:*</c>): they ride out a blip within one
/// call. Longer outages are left to the durable activity retries (<c>Resilience:*</c>).
/// </summary>
public sealed class MusicApiRetryOptions
{
    /// <summary>Retries after the first attempt (0 turns HTTP retries off).</summary>
    [Range(0, 10, ErrorMessage = "MusicApi:Retry:MaxRetryAttempts must be between 0 and 10.")]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry; doubles each retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "MusicApi:Retry:BaseDelay must be between 1 ms and 1 minute.")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one backoff wait (a Retry-After is bounded by <see cref="MaxRetryAfter"/> instead).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00", ErrorMessage = "MusicApi:Retry:MaxDelay must be between 1 ms and 5 minutes.")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The longest Retry-After a call waits out itself. A 429 asking for longer fails the call as
    /// rate limited at once, and the durable retry waits instead of holding an activity open.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "MusicApi:Retry:MaxRetryAfter must be between 0 and 10 minutes.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound of one call, every attempt and wait included (the HttpClient's timeout).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00", ErrorMessage = "MusicApi:Retry:TotalTimeout must be between 100 ms and 30 minutes.")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
