using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicFunctions.Configuration;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.StandIn;
using MusicFunctions.Testing;

namespace MusicFunctions.IntegrationTests.Archive;

/// <summary>
/// Real Azurite and the stand-in upstream over HTTP, without the Durable host: tests build the
/// app's services (the same registration as the Functions app) with the settings they need and
/// call the archive activity or the archiver directly.
/// </summary>
public sealed class ArchiveFixture : IAsyncLifetime
{
    public const string ApiKey = "sk-archive-tests-0b1c2d3e";

    /// <summary>Retries the archive makes after a first try in these tests (unless a test says otherwise).</summary>
    public const int RetryAttempts = 2;

    public Azurite Storage { get; private set; } = null!;
    public StandInServer Upstream { get; private set; } = null!;
    public CapturingLoggerProvider Logs { get; } = new();
    public string ContainerName { get; } = "archive-" + Guid.NewGuid().ToString("N")[..12];

    public BlobContainerClient Container => new BlobServiceClient(Storage.ConnectionString).GetBlobContainerClient(ContainerName);

    public async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync();
        Upstream = await StandInServer.StartAsync(new StandInServerOptions { ApiKey = ApiKey });
    }

    public async Task DisposeAsync()
    {
        await Upstream.DisposeAsync();
        await Storage.DisposeAsync();
    }

    /// <summary>Settings of a local run: the stand-in is plain http on 127.0.0.1, so both are allowed; retries are quick.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["MusicApi:BaseUrl"] = Upstream.BaseUrl.ToString(),
        ["MusicApi:ApiKey"] = ApiKey,
        ["ArchiveStorage"] = Storage.ConnectionString,
        ["Archive:Container"] = ContainerName,
        ["Archive:AllowHttp"] = "true",
        ["Archive:AllowPrivateNetworkSources"] = "true",
        ["Archive:RetryAttempts"] = RetryAttempts.ToString(),
        ["Archive:RetryDelay"] = "00:00:00.010",
        ["Archive:IdleTimeout"] = "00:00:05",
    };

    /// <summary>The app's services with <see cref="Settings"/> changed by <paramref name="adjust"/>.</summary>
    public ServiceProvider BuildServices(Action<Dictionary<string, string?>>? adjust = null, Action<IServiceCollection>? configure = null)
    {
        var settings = Settings();
        adjust?.Invoke(settings);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(Logs))
            .AddMusicFunctions(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Submits to the stand-in so it serves files for <paramref name="script"/>; returns the task.</summary>
    public async Task<StandInTaskRecord> CreateUpstreamTaskAsync(GenerationScript script)
    {
        var prompt = "archive test " + Guid.NewGuid().ToString("N");
        Upstream.ScriptFor(request => request.Prompt == prompt ? script : null);
        return await Upstream.SubmitAsync(prompt);
    }

    /// <summary>Committed blobs under <paramref name="prefix"/> (uncommitted staged blocks are not blobs).</summary>
    public async Task<List<BlobItem>> CommittedBlobsAsync(string prefix)
    {
        var container = Container;
        var blobs = new List<BlobItem>();
        if (!await container.ExistsAsync())
        {
            return blobs;
        }
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, CancellationToken.None))
        {
            blobs.Add(blob);
        }
        return blobs;
    }

    /// <summary>
    /// Requests the stand-in recorded for <paramref name="kind"/> of <paramref name="taskId"/>. A request is
    /// recorded when the server has finished with it, which for a download the client abandoned can be a
    /// moment after the client gave up: this waits up to two seconds for at least <paramref name="atLeast"/>.
    /// </summary>
    public async Task<int> FileRequestsForAsync(string taskId, StandInFileKind kind, int atLeast = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while (true)
        {
            var count = Upstream.Requests.Count(r =>
                r.Path.Contains(taskId, StringComparison.Ordinal) && r.Path.EndsWith("/" + StandInFiles.FileName(kind), StringComparison.Ordinal));
            if (count >= atLeast || DateTime.UtcNow > deadline)
            {
                return count;
            }
            await Task.Delay(20);
        }
    }
}
