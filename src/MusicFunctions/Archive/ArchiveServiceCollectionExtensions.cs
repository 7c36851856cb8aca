using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MusicFunctions.Archive;

/// <summary>Registers the archive: the guarded download client, the copy's retry pipeline, the container and the archiver.</summary>
public static class ArchiveServiceCollectionExtensions
{
    /// <summary>Expects <see cref="ArchiveOptions"/> and a BlobServiceClient to be registered already.</summary>
    public static IServiceCollection AddArchive(this IServiceCollection services)
    {
        services.AddSingleton<ArchiveSourcePolicy>();

        // Its own primary handler: the connect-time address check, no proxy, no automatic redirects.
        services.AddHttpClient(FileArchiver.HttpClientName, (provider, http) =>
                http.Timeout = provider.GetRequiredService<IOptions<ArchiveOptions>>().Value.DownloadTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<ArchiveSourcePolicy>().CreateHandler());

        // Retries wrap the whole copy, so a body cut off midway is downloaded again from the start.
        services.AddResiliencePipeline(FileArchiver.CopyPipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<ArchiveOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger<FileArchiver>();
            if (options.RetryAttempts > 0)
            {
                pipeline.AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder()
                        .Handle<ArchiveException>(ex => ex.IsRetryable)
                        .Handle<TimeoutRejectedException>(),
                    MaxRetryAttempts = options.RetryAttempts,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    OnRetry = retry =>
                    {
                        logger.LogWarning("File copy attempt {Attempt} failed ({Reason}); trying again in {Delay}",
                            retry.AttemptNumber + 1, retry.Outcome.Exception?.Message, retry.RetryDelay);
                        return default;
                    },
                });
            }
            pipeline.AddTimeout(options.DownloadTimeout);
        });

        services.AddSingleton<IServerSideCopier, PutBlobFromUrlCopier>();
        services.AddSingleton<ArchiveContainer>();
        services.AddSingleton<FileArchiver>();
        return services;
    }
}
