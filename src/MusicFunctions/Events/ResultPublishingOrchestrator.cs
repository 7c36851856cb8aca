using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Events;

/// <summary>
/// Publishes one result event: to the results queue and to the callback URL, side by side, each with
/// its own durable retries. Runs as a sub-orchestration of a generation (instance id = event id), or
/// on its own for a cancelled generation, whose orchestrator runs no more code. Deterministic: every
/// setting comes from its input.
/// </summary>
public sealed class ResultPublishingOrchestrator
{
    public const string Name = "PublishGenerationResult";

    // A queue send fails only while storage is unreachable: a few tries over about a minute.
    private static readonly TaskOptions QueueRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 3.0, maxRetryInterval: TimeSpan.FromSeconds(30)));

    [Function(Name)]
    public Task<PublicationReport> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RunAsync(context, context.GetInput<ResultPublication>()
            ?? throw new ResultPublicationException("The orchestration was started without a ResultPublication."));

    public static async Task<PublicationReport> RunAsync(TaskOrchestrationContext context, ResultPublication publication)
    {
        var logger = context.CreateReplaySafeLogger<ResultPublishingOrchestrator>();
        var resultEvent = publication.Event;

        // Side by side: a slow or failing webhook does not hold back the queue, nor the other way round.
        var queued = QueueAsync(context, publication);
        var delivered = DeliverAsync(context, publication);
        await Task.WhenAll(queued, delivered);

        var failures = new[] { queued.Result.Failure, delivered.Result.Failure }.OfType<string>().ToArray();
        if (failures.Length > 0)
        {
            logger.LogWarning("Result event {EventId} of generation {GenerationId} did not go everywhere: {Failures}",
                resultEvent.EventId, resultEvent.GenerationId, string.Join("; ", failures));
            throw new ResultPublicationException($"Result event {resultEvent.EventId}: {string.Join("; ", failures)}");
        }
        return new PublicationReport(resultEvent.EventId, queued.Result.Done, delivered.Result.Done);
    }

    /// <summary>The webhook's retry policy, from the plan the generation started with; refusals are not retried.</summary>
    public static TaskOptions WebhookRetry(EventDeliveryPlan plan) => TaskOptions.FromRetryPolicy(
        new RetryPolicy(
            maxNumberOfAttempts: plan.CallbackAttempts,
            firstRetryInterval: plan.CallbackFirstRetryDelay,
            backoffCoefficient: plan.CallbackBackoffFactor,
            maxRetryInterval: plan.CallbackMaxRetryDelay)
        {
            HandleFailure = failure => !IsPermanent(failure),
        });

    public static bool IsPermanent(TaskFailureDetails failure) =>
        failure.ErrorType == typeof(PermanentFailureException).FullName;

    private static async Task<(bool Done, string? Failure)> QueueAsync(TaskOrchestrationContext context, ResultPublication publication)
    {
        if (publication.Delivery.ResultsQueue is not { } queue)
        {
            return (false, null);
        }
        try
        {
            await context.CallActivityAsync<string>(PublishResultEventActivity.Name, new QueuedResultEvent(queue, publication.Event), QueueRetry);
            return (true, null);
        }
        catch (TaskFailedException ex)
        {
            return (false, $"results queue '{queue}': {ex.FailureDetails.ErrorMessage}");
        }
    }

    private static async Task<(bool Done, string? Failure)> DeliverAsync(TaskOrchestrationContext context, ResultPublication publication)
    {
        if (publication.CallbackUrl is not { } callbackUrl)
        {
            return (false, null);
        }
        try
        {
            await context.CallActivityAsync<int>(DeliverWebhookActivity.Name, new WebhookDelivery(callbackUrl, publication.Event),
                WebhookRetry(publication.Delivery));
            return (true, null);
        }
        catch (TaskFailedException ex)
        {
            return (false, $"callback: {ex.FailureDetails.ErrorMessage}");
        }
    }
}
