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

    /// <summary>An answer we cannot read: not JSON, a proxy's HTML page, missing fields.</summary>
    Malformed,
}
