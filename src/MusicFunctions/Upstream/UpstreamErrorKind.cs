namespace MusicFunctions.Upstream;

/// <summary>What went wrong talking to the upstream, which decides how it is handled.</summary>
public enum UpstreamErrorKind
{
    /// <summary>The upstream rejected the request (400, or a <c>code</c> other than success). Not retried.</summary>
    InvalidRequest,

    /// <summary>401/403: the API key is missing, wrong or lacks rights. Not retried.</summary>
    Authentication,

    /// <summary>404 or <c>task_not_exist</c>. Not retried.</summary>
    TaskNotFound,

    /// <summary>429: wait as Retry-After says, then retry.</summary>
    RateLimited,

    /// <summary>5xx, 408, timeouts and connection failures: worth retrying.</summary>
    Transient,

    /// <summary>
    /// An answer we cannot read: a 2xx that is not JSON or lacks <c>data</c>/<c>status</c>. Retried
    /// (a bounded number of times) for status polls only.
    /// </summary>
    Malformed,

    /// <summary>
    /// Submit only: the request may have reached the upstream (timeout after sending, connection
    /// broken while reading the answer, 5xx, an unreadable 2xx), so a task may exist and be charged.
    /// Never retried: sending it again could pay twice.
    /// </summary>
    OutcomeUnknown,
}
