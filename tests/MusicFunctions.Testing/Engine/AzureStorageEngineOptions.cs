using Microsoft.Extensions.Logging;

namespace MusicFunctions.Testing.Engine;

/// <summary>How to host the app on the Azure Storage engine.</summary>
public sealed class AzureStorageEngineOptions
{
    /// <summary>Storage for Durable's state (queues, tables, leases); Azurite in the benchmark and the fault suite.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>A fresh name per run keeps runs apart (letters and digits, 3 to 45, starting with a letter).</summary>
    public required string TaskHubName { get; init; }

    /// <summary>Control-queue partitions; host.json uses 4.</summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>Longest pause between polls of an idle queue (production: 30 s; short here, so timers fire on time).</summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a dequeued message stays hidden before another worker may take it: how soon work whose
    /// completion could not be recorded (storage was down) is done again. Null: the engine's 5 minutes.
    /// </summary>
    public TimeSpan? QueueVisibilityTimeout { get; init; }

    /// <summary>Concurrent activities; host.json's maxConcurrentActivityFunctions is 10.</summary>
    public int MaxConcurrentActivities { get; init; } = 10;

    /// <summary>Concurrent orchestration episodes; host.json's maxConcurrentOrchestratorFunctions is 20.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = 20;

    /// <summary>The app's settings, as the Functions host would read them (MusicApi:*, Archive:*, Polling:*...).</summary>
    public IReadOnlyDictionary<string, string?> AppSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Delete the task hub's queues, tables and blobs once the worker has stopped (a benchmark's throwaway hub).</summary>
    public bool DeleteTaskHubOnDispose { get; init; }

    /// <summary>Receives log lines at <see cref="LogLevel"/> and above; null: silent.</summary>
    public Action<string>? Log { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Warning;
}
