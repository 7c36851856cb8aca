using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MusicFunctions.Events;
using MusicFunctions.Requests;

namespace MusicFunctions.Orchestration;

/// <summary>Starts a generation for a request that has passed validation. Shared by every entry point.</summary>
public sealed class GenerationScheduler(IOptions<PollingOptions> polling, IOptions<ResilienceOptions> resilience, IOptions<EventOptions> events)
{
    /// <summary>
    /// Schedules the run. An <paramref name="instanceId"/> that already exists, in any state, is not replaced:
    /// the backend throws instead (see <see cref="GenerationStarter"/>), so one id never submits twice.
    /// </summary>
    public async Task<string> ScheduleAsync(DurableTaskClient client, MusicRequest request, string? instanceId, CancellationToken cancellationToken,
        string? requestId = null, string? callbackUrl = null)
    {
        return await client.ScheduleNewOrchestrationInstanceAsync(
            MusicGenerationOrchestrator.Name, CreateInput(request, requestId, callbackUrl),
            new StartOrchestrationOptions { InstanceId = instanceId }.WithDedupeStatuses(Enum.GetValues<OrchestrationRuntimeStatus>()),
            cancellationToken);
    }

    /// <summary>The orchestration input for <paramref name="request"/>: the request plus the settings the run keeps.</summary>
    public GenerationInput CreateInput(MusicRequest request, string? requestId = null, string? callbackUrl = null)
    {
        var options = polling.Value;
        return new GenerationInput
        {
            Request = request,
            // A copy: the run keeps the settings it started with, whatever configuration says later.
            Polling = new PollingOptions
            {
                InitialDelay = options.InitialDelay,
                Interval = options.Interval,
                BackoffFactor = options.BackoffFactor,
                MaxInterval = options.MaxInterval,
                Timeout = options.Timeout,
                Mode = options.Mode,
                AdaptiveMargin = options.AdaptiveMargin,
            },
            Resilience = resilience.Value.Copy(),
            RequestId = requestId,
            CallbackUrl = callbackUrl,
            Events = EventDeliveryPlan.From(events.Value),
        };
    }
}
