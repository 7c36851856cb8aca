using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;

namespace MusicFunctions.Http;

/// <summary>The HTTP entry points: start a generation, and read how it is doing.</summary>
public sealed class GenerationsApi(MusicRequestValidator validator, GenerationScheduler scheduler, ILogger<GenerationsApi> logger)
{
    public const string Route = "music/generations";

    [Function("StartGeneration")]
    public async Task<IResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBodyReader.ReadJsonAsync<MusicRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = validator.Validate(body!);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var instanceId = await scheduler.ScheduleAsync(client, validator.Normalize(body!), Guid.NewGuid().ToString("N"), cancellationToken);
        logger.LogInformation("Started generation {GenerationId}", instanceId);

        var statusUri = StatusUri(request, instanceId);
        request.HttpContext.Response.Headers.Location = statusUri;
        return TypedResults.Json(CheckStatusPayload(client, instanceId, statusUri), statusCode: StatusCodes.Status202Accepted);
    }

    [Function("GetGeneration")]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Route + "/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || instance.Name != MusicGenerationOrchestrator.Name)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Generation not found", $"There is no generation with id '{id}'.");
        }

        var view = new GenerationView
        {
            Id = instance.InstanceId,
            RuntimeStatus = instance.RuntimeStatus.ToString(),
            CreatedAt = instance.CreatedAt,
            LastUpdatedAt = instance.LastUpdatedAt,
            Upstream = instance.ReadCustomStatusAs<GenerationProgress>(),
            Result = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<GenerationResult>() : null,
            Error = instance.FailureDetails?.ErrorMessage,
        };
        return TypedResults.Json(view, ApiJson.Options);
    }

    private static string StatusUri(HttpRequest request, string instanceId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/api/{Route}/{Uri.EscapeDataString(instanceId)}";

    /// <summary>
    /// The Durable Functions check-status payload (runtime management URLs, with the system key)
    /// plus our own status URL. Outside the Functions host there are no runtime URLs.
    /// </summary>
    private static JsonObject CheckStatusPayload(DurableTaskClient client, string instanceId, string statusUri)
    {
        JsonObject payload;
        try
        {
            payload = JsonSerializer.SerializeToNode(client.CreateHttpManagementPayload(instanceId))!.AsObject();
        }
        catch (InvalidOperationException)
        {
            payload = new JsonObject { ["id"] = instanceId };
        }
        payload["generationStatusUri"] = statusUri;
        return payload;
    }
}
