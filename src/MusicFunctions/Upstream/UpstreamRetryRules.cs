using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Timeout;

namespace MusicFunctions.Upstream;

/// <summary>
/// Which failed attempts the HTTP pipeline may send again. Reads (GET) are safe to repeat. A
/// submit (POST) creates and charges a task, so it is repeated only when the upstream certainly
/// did not take it: the connection was refused or the name did not resolve (nothing was sent), or
/// the upstream answered 429 (it said no).
/// </summary>
public static class UpstreamRetryRules
{
    // Errors of the connect phase: no byte of the request can have left this machine.
    private static readonly HashSet<SocketError> ConnectFailures =
    [
        SocketError.ConnectionRefused,
        SocketError.HostNotFound,
        SocketError.NoData,
        SocketError.TryAgain,
        SocketError.HostUnreachable,
        SocketError.NetworkUnreachable,
    ];

    /// <summary>Whether the attempt that ended in <paramref name="outcome"/> may be sent again.</summary>
    /// <param name="maxRetryAfter">A 429 asking to wait longer than this is not waited out here.</param>
    public static bool ShouldRetry(HttpMethod method, Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        var safeToRepeat = method == HttpMethod.Get || method == HttpMethod.Head;
        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // The upstream refused the request, so even a submit may go again, after the wait it asked for.
                return RetryAfter(response) is not { } wait || wait <= maxRetryAfter;
            }
            return safeToRepeat && (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout);
        }

        return outcome.Exception switch
        {
            null => false,
            HttpRequestException ex => safeToRepeat || CertainlyNotSent(ex),
            TimeoutRejectedException => safeToRepeat,
            _ => false,
        };
    }

    /// <summary>
    /// True when <paramref name="exception"/> proves the request never reached the server: the
    /// connection could not be made (refused, unreachable) or the host name did not resolve.
    /// </summary>
    public static bool CertainlyNotSent(Exception exception)
    {
        if (exception is not HttpRequestException http)
        {
            return false;
        }
        if (http.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return true;
        }
        if (http.HttpRequestError != HttpRequestError.ConnectionError)
        {
            return false;
        }
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket && ConnectFailures.Contains(socket.SocketErrorCode))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The wait a response's Retry-After header asks for (seconds or a date), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider? clock = null)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - (clock ?? TimeProvider.System).GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
