using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicFunctions.Configuration;
using MusicFunctions.Orchestration;
using MusicFunctions.StandIn;
using MusicFunctions.Testing;

namespace MusicFunctions.IntegrationTests.Infrastructure;

/// <summary>
/// Everything a generation needs, for real: Azurite for storage, the stand-in upstream over
/// HTTP, and the app's own orchestrator and activities on the Durable Task in-process test
/// host, wired through the same service registration as the Functions app.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    public const string ApiKey = "sk-test-7f3c9a1e5b2d4c6f8a0b";

    /// <summary>Short timers: the test host works through orchestrations one at a time.</summary>
    public static readonly PollingOptions FastPolling = new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(200),
        Interval = TimeSpan.FromMilliseconds(200),
        BackoffFactor = 1.5,
        MaxInterval = TimeSpan.FromMilliseconds(500),
        Timeout = TimeSpan.FromSeconds(30),
    };

    public Azurite Storage { get; private set; } = null!;
    public StandInServer Upstream { get; private set; } = null!;
    public DurableTaskTestHost Host { get; private set; } = null!;
    public CapturingLoggerProvider Logs { get; } = new();
    public string ContainerName { get; } = "music-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Signs webhook deliveries in these tests (Events:WebhookSecret); receivers verify with it.</summary>
    public const string WebhookSecret = "whsec-pipeline-tests-6c1f0e2a9b3d4e5f";
    public string ResultsQueueName { get; } = "results-" + Guid.NewGuid().ToString("N")[..12];
    public string InvalidQueueName { get; } = "invalid-" + Guid.NewGuid().ToString("N")[..12];
    public DurableTaskClient Client => Host.Client;
    public IServiceProvider Services => Host.Services;

    public BlobContainerClient Container => new BlobServiceClient(Storage.ConnectionString).GetBlobContainerClient(ContainerName);

    public async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync();
        Upstream = await StandInServer.StartAsync(new StandInServerOptions { ApiKey = ApiKey });
        var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));

        Host = await DurableTaskTestHost.StartAsync(
            registry => registry.AddMusicGeneration(),
            new DurableTaskTestHostOptions
            {
                LoggerFactory = loggerFactory,
                ConfigureServices = services =>
                {
                    services.AddSingleton(loggerFactory);
                    services.AddLogging(logging => logging.AddProvider(Logs));
                    services.AddMusicFunctions(BuildConfiguration());
                },
            });
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["MusicApi:BaseUrl"] = Upstream.BaseUrl.ToString(),
        ["MusicApi:ApiKey"] = ApiKey,
        ["ArchiveStorage"] = Storage.ConnectionString,
        ["Archive:Container"] = ContainerName,
        // The stand-in serves files over plain http from 127.0.0.1, which production refuses.
        ["Archive:AllowHttp"] = "true",
        ["Archive:AllowPrivateNetworkSources"] = "true",
        ["Archive:RetryDelay"] = "00:00:00.050",
        // Upstream resilience in milliseconds: the HTTP client's short retries, then the durable ones.
        ["MusicApi:RequestTimeout"] = "00:00:05",
        ["MusicApi:Retry:MaxRetryAttempts"] = "2",
        ["MusicApi:Retry:BaseDelay"] = "00:00:00.010",
        ["MusicApi:Retry:MaxDelay"] = "00:00:00.050",
        ["MusicApi:Retry:MaxRetryAfter"] = "00:00:05",
        ["MusicApi:Retry:TotalTimeout"] = "00:00:30",
        ["Resilience:Submit:MaxAttempts"] = "3",
        ["Resilience:Submit:FirstInterval"] = "00:00:00.100",
        ["Resilience:Submit:MaxInterval"] = "00:00:00.300",
        ["Resilience:StatusPoll:MaxAttempts"] = "6",
        ["Resilience:StatusPoll:FirstInterval"] = "00:00:00.100",
        ["Resilience:StatusPoll:BackoffCoefficient"] = "1.5",
        ["Resilience:StatusPoll:MaxInterval"] = "00:00:00.300",
        ["Resilience:Archive:FirstInterval"] = "00:00:00.100",
        ["Resilience:Archive:MaxInterval"] = "00:00:00.300",
        ["Resilience:Manifest:FirstInterval"] = "00:00:00.100",
        ["Resilience:Manifest:MaxInterval"] = "00:00:00.300",
        ["Resilience:IncompleteSuccessPolls"] = "3",
        ["Polling:InitialDelay"] = FastPolling.InitialDelay.ToString(),
        ["Polling:Interval"] = FastPolling.Interval.ToString(),
        ["Polling:BackoffFactor"] = FastPolling.BackoffFactor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Polling:MaxInterval"] = FastPolling.MaxInterval.ToString(),
        ["Polling:Timeout"] = FastPolling.Timeout.ToString(),
        // Pipelines: the app's queues on Azurite, signed webhooks to local receivers, retries in milliseconds.
        ["AzureWebJobsStorage"] = Storage.ConnectionString,
        ["RequestQueue:InvalidQueue"] = InvalidQueueName,
        ["Events:ResultsQueue"] = ResultsQueueName,
        ["Events:WebhookSecret"] = WebhookSecret,
        ["Events:CallbackAttempts"] = "4",
        ["Events:CallbackFirstRetryDelay"] = "00:00:00.100",
        ["Events:CallbackBackoffFactor"] = "1.5",
        ["Events:CallbackMaxRetryDelay"] = "00:00:00.300",
        ["Events:CallbackTimeout"] = "00:00:05",
    };

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Upstream.DisposeAsync();
        await Storage.DisposeAsync();
    }

    private IConfiguration BuildConfiguration() => new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
}
