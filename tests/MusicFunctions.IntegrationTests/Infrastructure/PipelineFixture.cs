using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicFunctions.Configuration;
using MusicFunctions.Orchestration;
using MusicFunctions.StandIn;

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
        ["Polling:InitialDelay"] = FastPolling.InitialDelay.ToString(),
        ["Polling:Interval"] = FastPolling.Interval.ToString(),
        ["Polling:BackoffFactor"] = FastPolling.BackoffFactor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Polling:MaxInterval"] = FastPolling.MaxInterval.ToString(),
        ["Polling:Timeout"] = FastPolling.Timeout.ToString(),
    };

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Upstream.DisposeAsync();
        await Storage.DisposeAsync();
    }

    private IConfiguration BuildConfiguration() => new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
}
