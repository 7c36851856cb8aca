using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MusicFunctions.Requests;

namespace MusicFunctions.Orchestration;

/// <summary>Starts a generation for a request that has passed validation. Shared by every entry point.</summary>
public sealed class GenerationScheduler(IOptions<PollingOptions> polling)
{
    public async Task<string> ScheduleAsync(DurableTaskClient client, MusicRequest request, string? instanceId, CancellationToken cancellationToken)
    {
        var options = polling.Value;
        var input = new GenerationInput
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
            },
        };
        return await client.ScheduleNewOrchestrationInstanceAsync(
            MusicGenerationOrchestrator.Name, input, new StartOrchestrationOptions { InstanceId = instanceId }, cancellationToken);
    }
}
