using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace MusicFunctions.StandIn;

/// <summary>Middleware that records (and optionally logs) every request with the status it got.</summary>
internal static class RequestRecorder
{
    public static async Task RecordAsync(HttpContext context, RequestDelegate next, StandInState state)
    {
        var receivedAt = state.Now;
        var stopwatch = Stopwatch.StartNew();
        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        catch (Exception) when (FaultAnswers.WasAbortedByFault(context) || context.RequestAborted.IsCancellationRequested)
        {
            // Writing after a cut-off (ours or the client's) fails; the record below says it was aborted.
        }
        finally
        {
            var aborted = FaultAnswers.WasAbortedByFault(context) || context.RequestAborted.IsCancellationRequested;
            var statusCode = (aborted, completed, context.Response.HasStarted) switch
            {
                (true, _, false) => 0,
                (false, false, false) => StatusCodes.Status500InternalServerError,
                _ => context.Response.StatusCode,
            };
            var path = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget.Split('?', 2)[0];
            var hadAuthorization = context.Request.Headers.ContainsKey(HeaderNames.Authorization);
            state.Record(new StandInRequestRecord(context.Request.Method, path, statusCode, receivedAt, hadAuthorization, aborted));
            Log(state, $"{context.Request.Method} {path} -> {(statusCode == 0 ? "no response" : statusCode)} "
                + $"in {stopwatch.ElapsedMilliseconds} ms{(aborted ? " (connection aborted)" : "")}");
        }
    }

    private static void Log(StandInState state, string line)
    {
        try
        {
            state.Options.RequestLog?.Invoke(line);
        }
        catch (InvalidOperationException)
        {
            // A test's output helper throws once its test has ended; a late request must not fail because of it.
        }
    }
}
