using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Requests;

/// <summary>
/// Starts a generation at most once per instance id, for every entry point (HTTP, queue). An id that
/// exists in any state is answered with that generation instead of a new one, so a repeated request_id or
/// a redelivered queue message never submits upstream twice. Two starts racing for one id: the backend
/// refuses the second schedule, and the loser answers with the winner's generation.
/// </summary>
public sealed class GenerationStarter(MusicRequestValidator validator, GenerationScheduler scheduler, ILogger<GenerationStarter> logger)
{
    /// <summary>Starts <paramref name="request"/> (already validated) under <paramref name="instanceId"/> unless that id exists.</summary>
    public async Task<StartOutcome> StartAsync(DurableTaskClient client, MusicRequest request, string instanceId, CancellationToken cancellationToken)
    {
        var normalized = validator.Normalize(request);
        var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (existing is null)
        {
            try
            {
                await scheduler.ScheduleAsync(client, normalized, instanceId, cancellationToken, request.RequestId, request.CallbackUrl);
                return new StartOutcome { InstanceId = instanceId, Started = true };
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // What the backend throws for an existing id differs (OrchestrationAlreadyExistsException in
                // process, an RpcException through the Functions host): whether the id exists now decides.
                existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
                if (existing is null)
                {
                    throw;
                }
                logger.LogInformation("Generation {GenerationId} was started by a concurrent request; answering with it", instanceId);
            }
        }

        return new StartOutcome
        {
            InstanceId = instanceId,
            Existing = existing,
            IsConflict = !IsSameRequest(existing, normalized, request.CallbackUrl),
        };
    }

    private static bool IsSameRequest(OrchestrationMetadata existing, MusicRequest normalized, string? callbackUrl)
    {
        if (existing.Name != MusicGenerationOrchestrator.Name)
        {
            return false;
        }
        try
        {
            return existing.ReadInputAs<GenerationInput>() is { } input
                && input.Request == normalized
                && input.CallbackUrl == callbackUrl;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
