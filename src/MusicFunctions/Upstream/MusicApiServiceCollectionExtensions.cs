using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace MusicFunctions.Upstream;

/// <summary>Registers the typed upstream client with its resilience pipeline.</summary>
public static class MusicApiServiceCollectionExtensions
{
    public const string PipelineName = "music-api";

    /// <summary>Added to every Retry-After wait, so the next attempt never comes early.</summary>
    public static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(50);

    /// <summary>Expects <see cref="MusicApiOptions"/> to be registered already.</summary>
    public static IHttpClientBuilder AddMusicApiClient(this IServiceCollection services) =>
        services.AddHttpClient<IMusicApiClient, MusicApiClient>((provider, http) =>
                // The whole call, retries and waits included; each attempt has its own, shorter timeout in the pipeline.
                http.Timeout = provider.GetRequiredService<IOptions<MusicApiOptions>>().Value.Retry.TotalTimeout)
            // Header values are never logged (the factory's trace logging would show them otherwise).
            .RedactLoggedHeaders(_ => true)
            .AddMusicApiResilience();

    /// <summary>
    /// Short, jittered exponential retries of one call (see <see cref="UpstreamRetryRules"/> for
    /// what may be repeated), a Retry-After honoured up to <c>MusicApi:Retry:MaxRetryAfter</c>,
    /// and a timeout per attempt.
    /// </summary>
    public static IHttpClientBuilder AddMusicApiResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<MusicApiOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<MusicApiClient>();
            var retry = options.Retry;
            if (retry.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = retry.MaxRetryAttempts,
                    Delay = retry.BaseDelay,
                    MaxDelay = retry.MaxDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Context.GetRequestMessage() is { } request
                        && UpstreamRetryRules.ShouldRetry(request.Method, args.Outcome, retry.MaxRetryAfter)),
                    // A 429's Retry-After replaces the backoff (null falls back to it), plus a small margin:
                    // timers may fire a hair early, and the upstream counts its window in whole seconds.
                    DelayGenerator = args => ValueTask.FromResult(
                        args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response
                            && UpstreamRetryRules.RetryAfter(response) is { } retryAfter
                            ? retryAfter + RetryAfterMargin
                            : (TimeSpan?)null),
                    OnRetry = args =>
                    {
                        var request = args.Context.GetRequestMessage();
                        logger.LogWarning(
                            "Upstream {Method} {Path} attempt {Attempt} failed ({Outcome}); sending it again in {Delay}",
                            request?.Method, request?.RequestUri?.AbsolutePath, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                        return default;
                    },
                });
            }
            pipeline.AddTimeout(options.RequestTimeout);
        });
        return builder;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Result is { } response
        ? $"HTTP {(int)response.StatusCode}"
        : $"{outcome.Exception?.GetType().Name}: {outcome.Exception?.Message}";
}
