using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Events;

/// <summary>
/// Announces a generation's outcome from inside its own orchestration: builds the result event and runs
/// the publishing orchestration as a sub-orchestration whose instance id is the event id, so a replay
/// or a re-run never publishes under a different id. Publishing cannot change the generation's outcome:
/// its failure is logged (and visible as the Failed publishing instance), not rethrown.
/// </summary>
public static class GenerationAnnouncements
{
    /// <summary>The start of the orchestrator's timeout message; what tells a timeout from other failures.</summary>
    public const string TimeoutMessagePrefix = "The generation timed out";

    public static Task AnnounceCompletedAsync(TaskOrchestrationContext context, GenerationInput input, GenerationResult result) =>
        PublishAsync(context, input, new ResultEvent
        {
            EventId = ResultEvent.IdFor(context.InstanceId, GenerationOutcome.Completed),
            GenerationId = context.InstanceId,
            RequestId = input.RequestId,
            Outcome = GenerationOutcome.Completed,
            TaskId = result.TaskId,
            Tracks = result.Tracks.Select(ResultTrack.From).ToArray(),
            ManifestUrl = result.Manifest.Url,
            OccurredAt = Now(context),
        });

    public static Task AnnounceFailedAsync(TaskOrchestrationContext context, GenerationInput input, Exception failure)
    {
        var reason = failure is TaskFailedException taskFailure ? taskFailure.FailureDetails.ErrorMessage : failure.Message;
        var outcome = reason.StartsWith(TimeoutMessagePrefix, StringComparison.Ordinal) ? GenerationOutcome.TimedOut : GenerationOutcome.Failed;
        return PublishAsync(context, input, new ResultEvent
        {
            EventId = ResultEvent.IdFor(context.InstanceId, outcome),
            GenerationId = context.InstanceId,
            RequestId = input.RequestId,
            Outcome = outcome,
            Reason = reason,
            OccurredAt = Now(context),
        });
    }

    private static async Task PublishAsync(TaskOrchestrationContext context, GenerationInput input, ResultEvent resultEvent)
    {
        // No plan: the run was started before result events existed (or by a test that wants none).
        if (input.Events is not { } plan)
        {
            return;
        }
        var publication = new ResultPublication { Event = resultEvent, CallbackUrl = input.CallbackUrl, Delivery = plan };
        if (!publication.HasTargets)
        {
            return;
        }

        try
        {
            await context.CallSubOrchestratorAsync<PublicationReport>(
                ResultPublishingOrchestrator.Name, publication, new SubOrchestrationOptions { InstanceId = resultEvent.EventId });
        }
        catch (TaskFailedException ex)
        {
            context.CreateReplaySafeLogger(typeof(GenerationAnnouncements)).LogWarning(
                "Generation {GenerationId} ended {Outcome}, but its result event was not fully published: {Reason}",
                context.InstanceId, ResultEvent.Word(resultEvent.Outcome), ex.FailureDetails.ErrorMessage);
        }
    }

    // Orchestration time, so a replay builds the same event.
    private static DateTimeOffset Now(TaskOrchestrationContext context) =>
        new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
}
