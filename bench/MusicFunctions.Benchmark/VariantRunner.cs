using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using MusicFunctions.Archive;
using MusicFunctions.Requests;
using MusicFunctions.StandIn;
using MusicFunctions.Testing.Engine;

namespace MusicFunctions.Benchmark;

/// <summary>
/// Runs the generations of one polling variant end to end: a fresh stand-in, a fresh task hub on the
/// shared Azurite, the app on the Azure Storage engine, at most Concurrency generations in flight.
/// </summary>
public sealed class VariantRunner(BenchmarkSettings settings, string storageConnection, string runId, Action<string> log)
{
    private const string ApiKey = "bench-key";

    public async Task<VariantResult> RunAsync(PollingVariant variant, IReadOnlyList<TimeSpan> productionDurations)
    {
        var count = productionDurations.Count;
        await using var upstream = await StandInServer.StartAsync(new StandInServerOptions { ApiKey = ApiKey });
        var prompts = Enumerable.Range(0, count).Select(i => $"benchmark {variant.Name} #{i}").ToArray();
        var scripts = prompts.Select((prompt, i) => (prompt, script: new GenerationScript
        {
            CompleteAfter = productionDurations[i] / settings.TimeScale,
            AudioBytes = settings.AudioBytes,
            CoverBytes = settings.CoverBytes,
        })).ToDictionary(p => p.prompt, p => p.script);
        upstream.ScriptFor(request => scripts.GetValueOrDefault(request.Prompt));

        var container = $"bench-{variant.Name}-{runId}".ToLowerInvariant();
        var appSettings = new Dictionary<string, string?>(variant.Settings(settings.TimeScale))
        {
            ["MusicApi:BaseUrl"] = upstream.BaseUrl.ToString(),
            ["MusicApi:ApiKey"] = ApiKey,
            ["ArchiveStorage"] = storageConnection,
            ["Archive:Container"] = container,
            // The stand-in serves files over plain http from 127.0.0.1, which production refuses.
            ["Archive:AllowHttp"] = "true",
            ["Archive:AllowPrivateNetworkSources"] = "true",
        };

        await using var engine = await AzureStorageEngine.StartAsync(new AzureStorageEngineOptions
        {
            ConnectionString = storageConnection,
            TaskHubName = $"bench{runId}{variant.Name.Replace("-", "", StringComparison.Ordinal)}",
            AppSettings = appSettings,
            Log = log,
            DeleteTaskHubOnDispose = true,
        });
        log($"{variant.Name}: engine started");

        var memory = new MemorySampler(TimeSpan.FromMilliseconds(50));
        var outcomes = new ConcurrentDictionary<string, GenerationOutcome>();
        var inFlight = new SemaphoreSlim(settings.Concurrency > 0 ? settings.Concurrency : count);
        var started = new ConcurrentDictionary<string, bool>();
        var createdSince = DateTime.UtcNow.AddMinutes(-1);
        var clock = Stopwatch.StartNew();
        var startedAt = DateTime.UtcNow;

        using var stopMonitor = new CancellationTokenSource();
        var monitor = Task.Run(async () =>
        {
            while (!stopMonitor.IsCancellationRequested)
            {
                try
                {
                    foreach (var outcome in await engine.ListEndedAsync(createdSince))
                    {
                        if (started.ContainsKey(outcome.InstanceId) && outcomes.TryAdd(outcome.InstanceId, outcome))
                        {
                            inFlight.Release();
                        }
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    log($"Reading the ended generations failed, trying again: {ex.Message}");
                }
                await Task.Delay(100);
            }
        });

        for (var i = 0; i < count; i++)
        {
            await inFlight.WaitAsync();
            var id = $"{variant.Name}-{i:D5}-{runId}";
            started[id] = true;
            await engine.StartGenerationAsync(new MusicRequest { Prompt = prompts[i], Model = "suno-v5" }, id);
        }

        // Generous: the slowest generation, scaled, plus minutes of slack for a machine under load.
        var deadline = DateTime.UtcNow + productionDurations.Max() / settings.TimeScale + TimeSpan.FromMinutes(3);
        while (outcomes.Count < count && DateTime.UtcNow < deadline && !monitor.IsCompleted)
        {
            await Task.Delay(100);
        }
        await stopMonitor.CancelAsync();
        await monitor;
        clock.Stop();
        await memory.DisposeAsync();

        var result = await SummarizeAsync(variant, upstream, outcomes.Values.ToList(), count, startedAt, memory);
        await new BlobServiceClient(storageConnection).GetBlobContainerClient(container).DeleteIfExistsAsync();
        return result;
    }

    private async Task<VariantResult> SummarizeAsync(
        PollingVariant variant, StandInServer upstream, List<GenerationOutcome> outcomes, int count, DateTime startedAt, MemorySampler memory)
    {
        var tasks = upstream.Tasks.ToDictionary(t => t.TaskId);
        var completed = outcomes.Where(o => o.IsCompleted && o.Result is not null).ToList();
        var lags = tasks.Values
            .Where(t => t is { FinishedAt: not null, FirstTerminalServedAt: not null })
            .Select(t => (t.FirstTerminalServedAt!.Value - t.FinishedAt!.Value).TotalMilliseconds)
            .ToList();

        // Archiving: from the upstream's first terminal answer to the generation's completion.
        var archiveSpans = new List<(DateTime From, DateTime To)>();
        var finishToCompleted = new List<double>();
        long archivedBytes = 0;
        var mismatches = 0;
        foreach (var outcome in completed)
        {
            var result = outcome.Result!;
            var task = tasks[result.TaskId];
            archivedBytes += result.Manifest.Size;
            foreach (var track in result.Tracks)
            {
                var trackId = track.TrackId;
                archivedBytes += track.Audio.Size + (track.Cover?.Size ?? 0);
                mismatches += await HashDiffersAsync(task, trackId, StandInFileKind.Audio, track.Audio) ? 1 : 0;
                mismatches += track.Cover is null || await HashDiffersAsync(task, trackId, StandInFileKind.Cover, track.Cover) ? 1 : 0;
            }
            if (task.FirstTerminalServedAt is { } served && outcome.CompletedAt is { } done)
            {
                archiveSpans.Add((served.UtcDateTime, done));
            }
            if (task.FinishedAt is { } finished && outcome.CompletedAt is { } end)
            {
                finishToCompleted.Add((end - finished.UtcDateTime).TotalMilliseconds);
            }
        }

        var lastEnd = outcomes.Where(o => o.CompletedAt is not null).Select(o => o.CompletedAt!.Value).DefaultIfEmpty(DateTime.UtcNow).Max();
        var wall = (lastEnd - startedAt).TotalSeconds;
        var archiveSeconds = UnionSeconds(archiveSpans);
        return new VariantResult
        {
            Variant = variant.Name,
            Description = variant.Description,
            Generations = count,
            Completed = completed.Count,
            Failed = outcomes.Count(o => o.IsFailed),
            NotEnded = count - outcomes.Count,
            WallSeconds = wall,
            GenerationsPerMinute = wall > 0 ? completed.Count / wall * 60 : 0,
            SubmitCallsPerGeneration = (double)upstream.SubmitCount / count,
            StatusCallsPerGeneration = (double)upstream.StatusCount / count,
            DetectionLagP50Ms = Percentiles.Of(lags, 50),
            DetectionLagP95Ms = Percentiles.Of(lags, 95),
            DetectionLagP50ProductionSeconds = Percentiles.Of(lags, 50) * settings.TimeScale / 1000,
            DetectionLagP95ProductionSeconds = Percentiles.Of(lags, 95) * settings.TimeScale / 1000,
            FinishToCompletedP50Ms = Percentiles.Of(finishToCompleted, 50),
            ArchivedBytes = archivedBytes,
            ArchiveMegabytesPerSecond = archiveSeconds > 0 ? archivedBytes / 1e6 / archiveSeconds : 0,
            PeakWorkingSetMegabytes = memory.PeakWorkingSetBytes / 1e6,
            PeakManagedHeapMegabytes = memory.PeakManagedHeapBytes / 1e6,
            HashMismatches = mismatches,
            SampleFailures = [.. outcomes.Where(o => o.IsFailed).Select(o => o.FailureMessage ?? "(no message)").Distinct().Take(5)],
        };
    }

    private static async Task<bool> HashDiffersAsync(StandInTaskRecord task, string trackId, StandInFileKind kind, ArchivedFile file)
    {
        var length = kind == StandInFileKind.Audio ? task.Script.AudioBytes : task.Script.CoverBytes;
        await using var source = StandInFiles.Open(task.TaskId, trackId, kind, length);
        var expected = Convert.ToHexStringLower(await SHA256.HashDataAsync(source));
        return file.Size != length || !string.Equals(file.Sha256, expected, StringComparison.Ordinal);
    }

    /// <summary>Seconds covered by at least one of the spans.</summary>
    private static double UnionSeconds(List<(DateTime From, DateTime To)> spans)
    {
        double total = 0;
        DateTime? currentFrom = null, currentTo = null;
        foreach (var (from, to) in spans.Where(s => s.To > s.From).OrderBy(s => s.From))
        {
            if (currentTo is null || from > currentTo)
            {
                total += currentTo is null ? 0 : (currentTo.Value - currentFrom!.Value).TotalSeconds;
                (currentFrom, currentTo) = (from, to);
            }
            else if (to > currentTo)
            {
                currentTo = to;
            }
        }
        return total + (currentTo is null ? 0 : (currentTo.Value - currentFrom!.Value).TotalSeconds);
    }
}
