using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Events;

/// <summary>
/// Announces a cancelled generation. A terminated orchestrator runs no more code, so the cancel path
/// schedules the publishing orchestration itself, under the event id (<c>{id}:cancelled</c>): asking
/// twice (a retried DELETE) finds it there and publishes nothing new.
/// </summary>
public sealed class CancellationAnnouncer(ILogger<CancellationAnnouncer> logger)
{
    /// <summary>
    /// Schedules the cancelled event of <paramref name="generation"/> (read with its input) unless it was
    /// scheduled before. Returns false when the generation has nowhere to send events.
    /// </summary>
    public async Task<bool> AnnounceAsync(
        DurableTaskClient client, OrchestrationMetadata generation, string reason, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        if (generation.ReadInputAs<GenerationInput>() is not { Events: { } plan } input)
        {
            return false;
        }
        var eventId = ResultEvent.IdFor(generation.InstanceId, GenerationOutcome.Cancelled);
        var publication = new ResultPublication
        {
            Event = new ResultEvent
            {
                EventId = eventId,
                GenerationId = generation.InstanceId,
                RequestId = input.RequestId,
                Outcome = GenerationOutcome.Cancelled,
                Reason = reason,
                OccurredAt = occurredAt,
            },
            CallbackUrl = input.CallbackUrl,
            Delivery = plan,
        };
        if (!publication.HasTargets)
        {
            return false;
        }

        if (await client.GetInstanceAsync(eventId, cancellationToken) is not null)
        {
            return true;
        }
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(ResultPublishingOrchestrator.Name, publication,
                new StartOrchestrationOptions { InstanceId = eventId }.WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>()),
                cancellationToken);
            logger.LogInformation("Generation {GenerationId} was cancelled; publishing event {EventId}", generation.InstanceId, eventId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A concurrent DELETE scheduled it first: announced all the same.
            if (await client.GetInstanceAsync(eventId, cancellationToken) is null)
            {
                throw;
            }
        }
        return true;
    }
}
