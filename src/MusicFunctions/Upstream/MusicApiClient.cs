using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using MusicFunctions.Requests;
using Polly.Timeout;

namespace MusicFunctions.Upstream;

/// <summary>
/// Typed HTTP client for the upstream. Turns every answer into an <see cref="UpstreamTask"/> or
/// a classified <see cref="UpstreamException"/>. Short retries happen in the HTTP pipeline
/// (<see cref="MusicApiServiceCollectionExtensions"/>); what reaches this class is final for the call.
/// </summary>
public sealed class MusicApiClient : IMusicApiClient
{
    private const int PromptExcerptLength = 60;
    private const string Redacted = "[redacted]";

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

    public async Task<UpstreamTask> SubmitAsync(MusicRequest request, CancellationToken cancellationToken = default)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var message = new HttpRequestMessage(HttpMethod.Post, _options.SubmitPath.TrimStart('/'))
        {
            Content = JsonContent.Create(request with { UnknownFields = null }, options: RequestJson),
        };
        try
        {
            return await SendAsync(message, isSubmit: true, cancellationToken);
        }
        catch (UpstreamException ex) when (MayHaveCreatedTask(ex))
        {
            throw new UpstreamException(UpstreamErrorKind.OutcomeUnknown, OutcomeUnknownMessage(request, sentAt, ex), ex.StatusCode, inner: ex);
        }
    }

    public Task<UpstreamTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var path = _options.TaskPath.TrimStart('/').Replace("{task_id}", Uri.EscapeDataString(taskId), StringComparison.Ordinal);
        return SendAsync(new HttpRequestMessage(HttpMethod.Get, path), isSubmit: false, cancellationToken);
    }

    /// <summary>
    /// A submit that failed this way may still have created (and charged) a task: the request may
    /// have been sent and only the answer lost, or the upstream answered 2xx unreadably.
    /// </summary>
    private static bool MayHaveCreatedTask(UpstreamException ex) => ex.Kind switch
    {
        UpstreamErrorKind.Transient => !ex.RequestNotDelivered,
        UpstreamErrorKind.Malformed => true,
        _ => false,
    };

    private static string OutcomeUnknownMessage(MusicRequest request, DateTimeOffset sentAt, UpstreamException cause)
    {
        var prompt = (request.Prompt ?? "").ReplaceLineEndings(" ").Trim();
        if (prompt.Length > PromptExcerptLength)
        {
            prompt = string.Concat(prompt.AsSpan(0, PromptExcerptLength), "…");
        }
        var what = $"model {request.Model ?? "default"}{(string.IsNullOrWhiteSpace(request.Title) ? "" : $", title \"{request.Title}\"")}, prompt \"{prompt}\"";
        return $"The outcome of the submit is unknown: {cause.Message.TrimEnd('.')}. The request may have reached the upstream and " +
            "created (and charged) a task, so it was not sent again, to avoid paying twice for one song. " +
            $"Check the provider's dashboard or task list for a generation submitted around " +
            $"{sentAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC ({what}); " +
            "start the generation again only if no such task is there.";
    }

    private async Task<UpstreamTask> SendAsync(HttpRequestMessage request, bool isSubmit, CancellationToken cancellationToken)
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
                    $"Could not reach the upstream at {_http.BaseAddress?.Authority}: {ex.Message}",
                    inner: ex, requestNotDelivered: UpstreamRetryRules.CertainlyNotSent(ex));
            }
            catch (TimeoutRejectedException ex)
            {
                throw new UpstreamException(UpstreamErrorKind.Transient,
                    $"The upstream did not answer within {Describe(_options.RequestTimeout)} (MusicApi:RequestTimeout).", inner: ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new UpstreamException(UpstreamErrorKind.Transient,
                    $"The upstream did not answer within {Describe(_options.Retry.TotalTimeout)} (MusicApi:Retry:TotalTimeout).", inner: ex);
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
                    try
                    {
                        return UpstreamResponseParser.ParseTask(body);
                    }
                    catch (UpstreamException ex)
                    {
                        throw Scrubbed(ex);
                    }
                }
                throw Scrubbed(ClassifyFailure(response, body, isSubmit));
            }
        }
    }

    private UpstreamException ClassifyFailure(HttpResponseMessage response, string body, bool isSubmit)
    {
        var status = (int)response.StatusCode;
        var envelope = UpstreamResponseParser.TryReadErrorEnvelope(body);
        var said = envelope is { } e
            ? (string.IsNullOrWhiteSpace(e.Message) || e.Message == e.Code ? e.Code : $"{e.Code}: {e.Message}")
            : UpstreamResponseParser.Excerpt(body);
        // "HTTP 503: what it said", or just "HTTP 503" for an empty body.
        var http = string.IsNullOrWhiteSpace(said) ? $"HTTP {status}" : $"HTTP {status}: {said}";

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new UpstreamException(UpstreamErrorKind.Authentication,
                $"The upstream refused the API key ({http}); check the MusicApi:ApiKey setting.", status),
            HttpStatusCode.NotFound when isSubmit => new UpstreamException(UpstreamErrorKind.InvalidRequest,
                $"The upstream has no submit endpoint at '{_options.SubmitPath}' ({http}); check MusicApi:BaseUrl and MusicApi:SubmitPath.", status),
            HttpStatusCode.NotFound => new UpstreamException(UpstreamErrorKind.TaskNotFound,
                $"The upstream does not know this task ({http}).", status),
            HttpStatusCode.TooManyRequests => RateLimited(response, http),
            HttpStatusCode.RequestTimeout => new UpstreamException(UpstreamErrorKind.Transient,
                $"The upstream timed out ({http}).", status),
            _ when status >= 500 => new UpstreamException(UpstreamErrorKind.Transient,
                $"The upstream failed ({http}).", status),
            _ when envelope is { } env => UpstreamResponseParser.ErrorFromEnvelope(env.Code, env.Message, status),
            _ => new UpstreamException(UpstreamErrorKind.InvalidRequest, $"The upstream rejected the request ({http}).", status),
        };
    }

    private static UpstreamException RateLimited(HttpResponseMessage response, string http)
    {
        var retryAfter = UpstreamRetryRules.RetryAfter(response);
        var wait = retryAfter is { } after ? $"; it asked to wait {Describe(after)}" : "";
        return new UpstreamException(UpstreamErrorKind.RateLimited,
            $"The upstream is rate limiting us ({http}){wait}.", 429, retryAfter);
    }

    /// <summary>An upstream may echo the key it refused; it must not travel on in a message.</summary>
    private UpstreamException Scrubbed(UpstreamException ex)
    {
        var key = _options.ApiKey;
        if (string.IsNullOrEmpty(key) || !ex.Message.Contains(key, StringComparison.Ordinal))
        {
            return ex;
        }
        return new UpstreamException(ex.Kind, ex.Message.Replace(key, Redacted, StringComparison.Ordinal),
            ex.StatusCode, ex.RetryAfter, ex.InnerException, ex.RequestNotDelivered);
    }

    private static string Describe(TimeSpan span) => span.TotalSeconds >= 1
        ? $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s"
        : $"{span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";
}
