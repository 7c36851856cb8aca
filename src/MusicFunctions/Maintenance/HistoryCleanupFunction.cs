using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MusicFunctions.Maintenance;

/// <summary>
/// Every night at 03:00 UTC, purges the Durable history of generations (and of their event publications)
/// that finished and were created more than Cleanup:MaxAge ago, so the task hub does not grow forever.
/// </summary>
public sealed class HistoryCleanupFunction(IOptions<CleanupOptions> options, TimeProvider time, ILogger<HistoryCleanupFunction> logger)
{
    public const string Name = "PurgeOldHistory";

    /// <summary>Seconds, minutes, hours...: 03:00:00 UTC daily, a quiet hour.</summary>
    public const string Schedule = "0 0 3 * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var filter = HistoryCleanupFilter.Build(time.GetUtcNow(), options.Value.MaxAge);
        var result = await client.PurgeAllInstancesAsync(filter, cancellationToken);
        logger.LogInformation("Purged the history of {Count} finished instances created before {CutOff:o}",
            result.PurgedInstanceCount, filter.CreatedTo);
    }
}
