namespace MusicFunctions.StandIn;

/// <summary>
/// A misbehaviour to inject into one request. Create one with the factory methods;
/// queue it with <see cref="StandInServer.InjectFault"/>.
/// </summary>
public sealed class StandInFault
{
    private StandInFault(StandInFaultKind kind) => Kind = kind;

    public StandInFaultKind Kind { get; }

    /// <summary>The status answered by <see cref="Status"/>, <see cref="Html"/> and <see cref="AcceptThenFail"/>.</summary>
    public int StatusCode { get; private init; }

    /// <summary>The body of a <see cref="Status"/> fault; null means a JSON error envelope.</summary>
    public string? Body { get; private init; }

    public string ContentType { get; private init; } = "application/json";

    public TimeSpan? RetryAfter { get; private init; }

    public TimeSpan DelayDuration { get; private init; }

    public long CutOffBytes { get; private init; }

    /// <summary>Answers <paramref name="code"/> instead of the real answer (e.g. 429 with Retry-After, 500, 503, 401, 403).</summary>
    public static StandInFault Status(int code, string? body = null, string contentType = "application/json", TimeSpan? retryAfter = null) =>
        new(StandInFaultKind.Status) { StatusCode = code, Body = body, ContentType = contentType, RetryAfter = retryAfter };

    /// <summary>Answers <paramref name="code"/> with an HTML error page, as a proxy in front of the API would.</summary>
    public static StandInFault Html(int code) => new(StandInFaultKind.Html) { StatusCode = code, ContentType = "text/html" };

    /// <summary>Answers 200 with the real JSON cut in half (a complete HTTP response with broken JSON). On files: cuts the body at half.</summary>
    public static StandInFault TruncatedJson() => new(StandInFaultKind.TruncatedJson);

    /// <summary>Waits, then answers normally.</summary>
    public static StandInFault Delay(TimeSpan delay) => new(StandInFaultKind.Delay) { DelayDuration = delay };

    /// <summary>Sends the headers with the full Content-Length, then aborts the connection after <paramref name="bytes"/> body bytes.</summary>
    public static StandInFault CutOffAfter(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return new(StandInFaultKind.CutOffAfter) { CutOffBytes = bytes };
    }

    /// <summary>Resets the connection without any response. On Submit the task is still created first.</summary>
    public static StandInFault AbortBeforeResponse() => new(StandInFaultKind.AbortBeforeResponse);

    /// <summary>Submit only: the task is created (and would be charged), yet <paramref name="code"/> is answered. Elsewhere: like <see cref="Status"/>.</summary>
    public static StandInFault AcceptThenFail(int code = 500) => new(StandInFaultKind.AcceptThenFail) { StatusCode = code };

    public override string ToString() => Kind switch
    {
        StandInFaultKind.Status or StandInFaultKind.Html or StandInFaultKind.AcceptThenFail => $"{Kind}({StatusCode})",
        StandInFaultKind.Delay => $"Delay({DelayDuration})",
        StandInFaultKind.CutOffAfter => $"CutOffAfter({CutOffBytes})",
        _ => Kind.ToString(),
    };
}
