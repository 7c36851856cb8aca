using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using MusicFunctions.Requests;

namespace MusicFunctions.Upstream;

/// <summary>
/// Typed HTTP client for the upstream. Turns every answer into an <see cref="UpstreamTask"/> or
/// a classified <see cref="UpstreamException"/>.
/// </summary>
public sealed class MusicApiClient : IMusicApiClient
{
    private static readonly JsonSerializerOptions RequestJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly MusicApiOptions _options;

    public MusicApiClient(HttpClient http, IOptions<MusicApiOptions> options)
    {
        _http = http;
        _options = options.Value;
        // A trailing slash makes relative paths append to the base path instead of replacing its last segment.
        var baseUrl = _options.BaseUrl.AbsoluteUri;
        _http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Task<UpstreamTask> SubmitAsync(MusicRequest request, CancellationToken cancellationToken = default)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, _options.SubmitPath.TrimStart('/'))
        {
            Content = JsonContent.Create(request with { UnknownFields = null }, options: RequestJson),
        };
        return SendAsync(message, cancellationToken);
    }

    public Task<UpstreamTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var path = _options.TaskPath.TrimStart('/').Replace("{task_id}", Uri.EscapeDataString(taskId), StringComparison.Ordinal);
        return SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
    }

    private async Task<UpstreamTask> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new UpstreamException(UpstreamErrorKind.Transient,
                    $"Could not reach the upstream at {_http.BaseAddress?.Authority}: {ex.Message}", inner: ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new UpstreamException(UpstreamErrorKind.Transient, "The upstream did not answer in time.", inner: ex);
            }

            using (response)
            {
                string body;
                try
                {
                    body = await response.Content.ReadAsStringAsync(cancellationToken);
                }
                catch (HttpRequestException ex)
                {
                    throw new UpstreamException(UpstreamErrorKind.Transient,
                        "The connection to the upstream broke while reading its answer.", (int)response.StatusCode, inner: ex);
                }

                if (response.IsSuccessStatusCode)
                {
                    return UpstreamResponseParser.ParseTask(body);
                }
                throw ClassifyFailure(response, body);
            }
        }
    }

    private static UpstreamException ClassifyFailure(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var envelope = UpstreamResponseParser.TryReadErrorEnvelope(body);
        var said = envelope is { } e
            ? (string.IsNullOrWhiteSpace(e.Message) || e.Message == e.Code ? e.Code : $"{e.Code}: {e.Message}")
            : UpstreamResponseParser.Excerpt(body);

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new UpstreamException(UpstreamErrorKind.Authentication,
                $"The upstream refused the API key (HTTP {status}: {said}); check the MusicApi:ApiKey setting.", status),
            HttpStatusCode.NotFound => new UpstreamException(UpstreamErrorKind.TaskNotFound,
                $"The upstream does not know this task (HTTP 404: {said}).", status),
            HttpStatusCode.TooManyRequests => new UpstreamException(UpstreamErrorKind.RateLimited,
                $"The upstream is rate limiting us (HTTP 429: {said}).", status, RetryAfter(response)),
            HttpStatusCode.RequestTimeout => new UpstreamException(UpstreamErrorKind.Transient,
                $"The upstream timed out (HTTP 408: {said}).", status),
            _ when status >= 500 => new UpstreamException(UpstreamErrorKind.Transient,
                $"The upstream failed (HTTP {status}: {said}).", status),
            _ when envelope is { } env => UpstreamResponseParser.ErrorFromEnvelope(env.Code, env.Message, status),
            _ => new UpstreamException(UpstreamErrorKind.InvalidRequest, $"The upstream rejected the request (HTTP {status}: {said}).", status),
        };
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
