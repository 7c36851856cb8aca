namespace MusicFunctions.Upstream;

/// <summary>
/// A failed call to the upstream, classified. Messages are written for the user and never
/// contain the API key.
/// </summary>
public sealed class UpstreamException(
    UpstreamErrorKind kind,
    string message,
    int? statusCode = null,
    TimeSpan? retryAfter = null,
    Exception? inner = null,
    bool requestNotDelivered = false)
    : Exception(message, inner)
{
    public UpstreamErrorKind Kind { get; } = kind;
    public int? StatusCode { get; } = statusCode;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>
    /// The request certainly never reached the upstream (connection refused, name not resolved):
    /// sending it again cannot create a second task.
    /// </summary>
    public bool RequestNotDelivered { get; } = requestNotDelivered;

    /// <summary>Retrying the same call later may succeed.</summary>
    public bool IsRetryable => Kind is UpstreamErrorKind.Transient or UpstreamErrorKind.RateLimited or UpstreamErrorKind.Malformed;
}
