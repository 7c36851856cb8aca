using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace MusicFunctions.StandIn;

/// <summary>
/// Carries out injected faults. Some replace the answer before the stand-in's logic runs (no task
/// created, no poll counted); others damage or withhold the real answer after it was produced.
/// </summary>
internal static class FaultAnswers
{
    private static readonly TimeSpan CutOffGrace = TimeSpan.FromMilliseconds(100);
    private static readonly object AbortedByFaultKey = new();

    /// <summary>
    /// Runs the part of <paramref name="fault"/> that comes before the real logic: a delay, or an
    /// answer that replaces the real one. True when the request has been answered.
    /// </summary>
    public static async Task<bool> TryAnswerInsteadAsync(HttpContext context, StandInFault? fault, StandInEndpoint endpoint)
    {
        switch (fault?.Kind)
        {
            case StandInFaultKind.Delay:
                await Task.Delay(fault.DelayDuration, context.RequestAborted);
                return false;
            case StandInFaultKind.Status:
                var body = fault.Body is null ? Envelopes.ForStatusCode(fault.StatusCode) : Encoding.UTF8.GetBytes(fault.Body);
                if (fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }
                await WriteAsync(context, fault.StatusCode, fault.ContentType, body);
                return true;
            case StandInFaultKind.Html:
                await WriteAsync(context, fault.StatusCode, "text/html; charset=utf-8", ProxyErrorPage(fault.StatusCode));
                return true;
            // Only a submit creates something upstream before failing; elsewhere these fail straight away.
            case StandInFaultKind.AbortBeforeResponse when endpoint != StandInEndpoint.Submit:
                Abort(context);
                return true;
            case StandInFaultKind.AcceptThenFail when endpoint != StandInEndpoint.Submit:
                await WriteAsync(context, fault.StatusCode, "application/json", Envelopes.ForStatusCode(fault.StatusCode));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes the real JSON answer, damaged or withheld as the fault asks. True when it went out intact.</summary>
    public static async Task<bool> WriteJsonAsync(HttpContext context, int statusCode, byte[] body, StandInFault? fault)
    {
        switch (fault?.Kind)
        {
            case StandInFaultKind.AbortBeforeResponse:
                Abort(context);
                return false;
            case StandInFaultKind.AcceptThenFail:
                await WriteAsync(context, fault.StatusCode, "application/json", Envelopes.ForStatusCode(fault.StatusCode));
                return false;
            case StandInFaultKind.TruncatedJson:
                await WriteAsync(context, statusCode, "application/json", body.AsMemory(0, body.Length / 2));
                return false;
            case StandInFaultKind.CutOffAfter:
                context.Response.StatusCode = statusCode;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body.AsMemory(0, (int)Math.Min(fault.CutOffBytes, body.Length)), context.RequestAborted);
                await CutOffAsync(context);
                return false;
            default:
                await WriteAsync(context, statusCode, "application/json", body);
                return true;
        }
    }

    /// <summary>Pushes out what was written so far, then cuts the connection.</summary>
    public static async Task CutOffAsync(HttpContext context)
    {
        await context.Response.Body.FlushAsync(context.RequestAborted);
        // A flush only hands the bytes to the transport, and an abort drops whatever it has not sent yet
        // (headers included). A moment's grace lets them reach the client before the reset.
        await Task.Delay(CutOffGrace, context.RequestAborted);
        Abort(context);
    }

    /// <summary>Resets the connection, and remembers that the stand-in did it on purpose.</summary>
    public static void Abort(HttpContext context)
    {
        // RequestAborted fires asynchronously after Abort(), too late for the request record; this flag is immediate.
        context.Items[AbortedByFaultKey] = true;
        context.Abort();
    }

    public static bool WasAbortedByFault(HttpContext context) => context.Items.ContainsKey(AbortedByFaultKey);

    private static async Task WriteAsync(HttpContext context, int statusCode, string contentType, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static byte[] ProxyErrorPage(int statusCode)
    {
        var title = $"{statusCode} {ReasonPhrases.GetReasonPhrase(statusCode)}".TrimEnd();
        return Encoding.UTF8.GetBytes(
            $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    }
}
