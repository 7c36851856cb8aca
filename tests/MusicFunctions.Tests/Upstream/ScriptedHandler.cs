using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace MusicFunctions.Tests.Upstream;

/// <summary>
/// The primary handler under the real client pipeline: answers each request with the next scripted
/// answer (the last one repeats) and records what arrived and when.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _answers = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _last;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public ScriptedHandler Then(HttpStatusCode status, string body, string contentType = "application/json", TimeSpan? retryAfter = null) =>
        Add((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
            if (retryAfter is { } wait)
            {
                response.Headers.RetryAfter = new RetryConditionHeaderValue(wait);
            }
            return Task.FromResult(response);
        });

    public ScriptedHandler ThenSample(string sample) => Then(HttpStatusCode.OK, Samples.Read(sample));

    public ScriptedHandler ThenThrow(Exception exception) => Add((_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>Never answers: the attempt ends only by its timeout.</summary>
    public ScriptedHandler ThenHang() => Add(async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!.AbsolutePath, _clock.Elapsed,
            request.Headers.Authorization?.ToString(), body));
        var answer = _answers.TryDequeue(out var next) ? _last = next : _last
            ?? throw new InvalidOperationException("No answer scripted.");
        var response = await answer(request, cancellationToken);
        response.RequestMessage = request;
        return response;
    }

    private ScriptedHandler Add(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    internal sealed record RecordedRequest(HttpMethod Method, string Path, TimeSpan At, string? Authorization, string? Body);
}
