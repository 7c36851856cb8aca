using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Storage.Blobs;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.Requests;
using MusicFunctions.StandIn;
using MusicFunctions.Testing.Engine;
using MusicFunctions.Testing.Verification;

namespace MusicFunctions.IntegrationTests.Faults;

/// <summary>
/// The app on the engine production runs on (DurableTask with the Azure Storage provider) on a real Azurite,
/// against the stand-in upstream over HTTP. Stopping Azurite therefore takes Durable's own queues and
/// history down too, not just the archive. Every timing is short so the suite fits in CI.
/// </summary>
public sealed class FaultSuiteFixture : IAsyncLifetime
{
    public const string ApiKey = "sk-fault-suite-5c1d";

    private readonly ConcurrentQueue<string> _engineLog = new();
    private readonly List<ScenarioReport> _reports = [];

    public Azurite Storage { get; private set; } = null!;
    public StandInServer Upstream { get; private set; } = null!;
    public AzureStorageEngine Engine { get; private set; } = null!;
    public string ContainerName { get; } = "faults-" + Guid.NewGuid().ToString("N")[..12];

    public IReadOnlyList<ScenarioReport> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public async Task InitializeAsync()
    {
        Storage = await Azurite.StartAsync();
        Upstream = await StandInServer.StartAsync(new StandInServerOptions { ApiKey = ApiKey });
        Engine = await AzureStorageEngine.StartAsync(new AzureStorageEngineOptions
        {
            ConnectionString = Storage.ConnectionString,
            TaskHubName = "faults" + Guid.NewGuid().ToString("N")[..10],
            // Work whose completion could not be recorded during an outage is redone after this (production: 5 min).
            QueueVisibilityTimeout = TimeSpan.FromSeconds(15),
            AppSettings = Settings(),
            Log = line =>
            {
                // The storage SDK reports every expected 404/409 as a warning; keep the rest.
                if (!line.Contains(" Warning Azure.Core:", StringComparison.Ordinal))
                {
                    _engineLog.Enqueue(line);
                }
            },
        });
    }

    /// <summary>The app's settings: production's, with every delay shortened so that the suite fits in CI.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["MusicApi:BaseUrl"] = Upstream.BaseUrl.ToString(),
        ["MusicApi:ApiKey"] = ApiKey,
        ["MusicApi:RequestTimeout"] = "00:00:03",
        ["MusicApi:Retry:BaseDelay"] = "00:00:00.100",
        ["MusicApi:Retry:MaxDelay"] = "00:00:01",
        ["MusicApi:Retry:TotalTimeout"] = "00:00:20",
        ["Resilience:Submit:FirstInterval"] = "00:00:00.200",
        ["Resilience:Submit:MaxInterval"] = "00:00:02",
        ["Resilience:StatusPoll:FirstInterval"] = "00:00:00.200",
        ["Resilience:StatusPoll:MaxInterval"] = "00:00:02",
        ["Resilience:Archive:FirstInterval"] = "00:00:00.200",
        ["Resilience:Archive:MaxInterval"] = "00:00:02",
        ["Resilience:Manifest:FirstInterval"] = "00:00:00.200",
        ["Resilience:Manifest:MaxInterval"] = "00:00:02",
        ["ArchiveStorage"] = Storage.ConnectionString,
        ["Archive:Container"] = ContainerName,
        // The stand-in serves files over plain http from 127.0.0.1, which production refuses.
        ["Archive:AllowHttp"] = "true",
        ["Archive:AllowPrivateNetworkSources"] = "true",
        ["Archive:RetryDelay"] = "00:00:00.100",
        ["Archive:IdleTimeout"] = "00:00:05",
        ["Polling:InitialDelay"] = "00:00:00.300",
        ["Polling:Interval"] = "00:00:00.200",
        ["Polling:MaxInterval"] = "00:00:00.600",
        ["Polling:AdaptiveMargin"] = "00:00:00.050",
        ["Polling:Timeout"] = "00:01:00",
    };

    /// <summary>Runs one scenario's generations to their end (or its deadline) and checks everything they left behind.</summary>
    public async Task<ScenarioReport> RunAsync(FaultScenario scenario, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        Upstream.Faults.Clear();
        _engineLog.Clear();
        var prompts = Enumerable.Range(0, scenario.Generations).Select(i => $"{scenario.Name} #{i} {Guid.NewGuid():N}").ToArray();
        var scripts = prompts.Select((prompt, i) => (prompt, script: scenario.Script(i))).ToDictionary(p => p.prompt, p => p.script);
        Upstream.ScriptFor(request => scripts.GetValueOrDefault(request.Prompt));

        var context = new ScenarioContext(Upstream, Storage, log);
        foreach (var (endpoint, fault, times) in scenario.Faults)
        {
            context.Inject(endpoint, fault, times);
        }
        var submitsBefore = Upstream.SubmitCount;
        var since = DateTime.UtcNow;
        var ids = new List<string>();
        for (var i = 0; i < prompts.Length; i++)
        {
            ids.Add(await Engine.StartGenerationAsync(new MusicRequest { Prompt = prompts[i], Model = "suno-v5" }, $"{scenario.Name}-{i}-{Guid.NewGuid():N}"));
        }
        var during = Task.Run(() => scenario.During?.Invoke(context) ?? Task.CompletedTask);
        var outcomes = await Engine.WaitForAllAsync(ids, since, scenario.Deadline);
        await during;

        var container = new BlobServiceClient(Storage.ConnectionString).GetBlobContainerClient(ContainerName);
        var tasks = Upstream.Tasks;
        var checks = new List<GenerationCheck>();
        for (var i = 0; i < ids.Count; i++)
        {
            var outcome = outcomes[ids[i]];
            var upstreamTasks = tasks.Where(t => t.Request.Prompt == prompts[i]).ToList();
            var blobs = await ArchiveVerifier.VerifyFolderAsync(container, ids[i], upstreamTasks.FirstOrDefault());
            var resultProblems = outcome.Result is { } result && upstreamTasks.Count == 1
                ? await ArchiveVerifier.VerifyResultAsync(result, upstreamTasks[0])
                : [];
            checks.Add(new GenerationCheck(prompts[i], outcome, upstreamTasks.Count, blobs, resultProblems));
            log($"{ids[i]}: {outcome.Status} {outcome.FailureMessage} ({upstreamTasks.Count} upstream task(s), {blobs.Count} blob(s))");
        }

        var pending = Enum.GetValues<StandInEndpoint>().Sum(Upstream.Faults.PendingCount);
        Upstream.Faults.Clear();
        var report = new ScenarioReport(scenario, checks, context.Injected, context.Injected - pending, Upstream.SubmitCount - submitsBefore, clock.Elapsed);
        lock (_reports)
        {
            _reports.Add(report);
        }
        foreach (var line in _engineLog.Take(150))
        {
            log("engine: " + line);
        }
        return report;
    }

    public async Task DisposeAsync()
    {
        Console.WriteLine("Fault suite summary (Azure Storage engine on Azurite, stand-in upstream):");
        Console.WriteLine(SummaryTable.Render(Reports));
        if (Engine is not null)
        {
            await Engine.DisposeAsync();
        }
        if (Upstream is not null)
        {
            await Upstream.DisposeAsync();
        }
        if (Storage is not null)
        {
            await Storage.DisposeAsync();
        }
    }
}
