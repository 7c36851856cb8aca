using Microsoft.DurableTask.Client;

namespace MusicFunctions.Maintenance;

/// <summary>Which instances the nightly clean-up purges: finished ones (never running ones) created before the cut-off.</summary>
public static class HistoryCleanupFilter
{
    /// <summary>Only ended instances: a pending, running or suspended one keeps its history however old it is.</summary>
    public static readonly IReadOnlyList<OrchestrationRuntimeStatus> FinishedStatuses =
    [
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    public static PurgeInstancesFilter Build(DateTimeOffset now, TimeSpan maxAge) =>
        // From the epoch rather than open-ended: every backend accepts it, and nothing here is older.
        new(CreatedFrom: DateTimeOffset.UnixEpoch, CreatedTo: now - maxAge, Statuses: FinishedStatuses);
}
