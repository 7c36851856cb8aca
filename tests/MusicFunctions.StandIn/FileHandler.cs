using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace MusicFunctions.StandIn;

/// <summary>
/// <c>GET|HEAD /files/{task_id}/{track_id}/audio.mp3|cover.jpeg</c>: streams the generated file,
/// like a CDN (no auth). Any size is served from one pooled buffer, as fast as possible or at the
/// script's <see cref="GenerationScript.FileBytesPerSecond"/>.
/// </summary>
internal static class FileHandler
{
    private const int ChunkSize = 128 * 1024;

    // Smaller chunks when paced, so the bytes flow smoothly rather than in bursts.
    private const int PacedChunkSize = 64 * 1024;

    public static async Task HandleAsync(HttpContext context, StandInState state)
    {
        state.CountFileRequest();
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (!StandInFiles.TryParseRequestTarget(rawTarget, out var taskId, out var trackId, out var kind))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var endpoint = kind == StandInFileKind.Audio ? StandInEndpoint.Audio : StandInEndpoint.Cover;
        var fault = state.Faults.TakeNext(endpoint);
        if (await FaultAnswers.TryAnswerInsteadAsync(context, fault, endpoint))
        {
            return;
        }

        var task = state.FindTask(taskId);
        if (task is null || !task.TrackIds.Contains(trackId))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var length = kind == StandInFileKind.Audio ? task.Script.AudioBytes : task.Script.CoverBytes;
        var bytesToSend = fault?.Kind switch
        {
            StandInFaultKind.CutOffAfter => Math.Min(fault.CutOffBytes, length),
            StandInFaultKind.TruncatedJson => length / 2,
            _ => length,
        };

        // The full length is promised even when a fault will cut the body short: that is what a dropped download looks like.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = StandInFiles.ContentType(kind);
        context.Response.ContentLength = length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        await SendAsync(context, new FileContentGenerator(taskId, trackId, kind), bytesToSend, task.Script.FileBytesPerSecond);
        if (bytesToSend < length)
        {
            await FaultAnswers.CutOffAsync(context);
        }
    }

    private static async Task SendAsync(HttpContext context, FileContentGenerator generator, long count, long? bytesPerSecond)
    {
        var pacer = bytesPerSecond is { } rate ? new TransferPacer(rate) : null;
        var chunkSize = pacer is null ? ChunkSize : PacedChunkSize;
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            for (long sent = 0; sent < count;)
            {
                var chunk = (int)Math.Min(chunkSize, count - sent);
                if (pacer is not null)
                {
                    await pacer.WaitToSendAsync(chunk, context.RequestAborted);
                }
                generator.Fill(sent, buffer.AsSpan(0, chunk));
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, chunk), context.RequestAborted);
                sent += chunk;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
