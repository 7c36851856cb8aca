using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;

namespace MusicFunctions.Http;

/// <summary>
/// The HTTP entry points: start a generation, and read how it is doing. A start with a request_id
/// is idempotent: the same id again answers with the generation it started (202 while it runs, 200 with
/// the status view once it ended, whatever the outcome) and never starts another; the same id with a
/// different request answers 409.
/// </summary>
public sealed class GenerationsApi(MusicRequestValidator validator, GenerationStarter starter, ILogger<GenerationsApi> logger)
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

        var instanceId = body!.RequestId ?? Guid.NewGuid().ToString("N");
        var start = await starter.StartAsync(client, body, instanceId, cancellationToken);
        if (start.IsConflict)
        {
            logger.LogWarning("Request id {RequestId} was sent again with a different request; refused", instanceId);
            return Problems.Create(StatusCodes.Status409Conflict, "request_id already used",
                $"The request_id '{instanceId}' belongs to an earlier, different request. Use a new request_id for a new request.");
        }

        var statusUri = StatusUri(request, instanceId);
        request.HttpContext.Response.Headers.Location = statusUri;
        if (start.Existing is { } existing && !IsRunning(existing.RuntimeStatus))
        {
            logger.LogInformation("Request id {RequestId} repeated; generation {GenerationId} already ended {Status}",
                instanceId, instanceId, existing.RuntimeStatus);
            return TypedResults.Json(GenerationView.From(existing), ApiJson.Options, statusCode: StatusCodes.Status200OK);
        }

        if (start.Started)
        {
            logger.LogInformation("Started generation {GenerationId}", instanceId);
        }
        else
        {
            logger.LogInformation("Request id {RequestId} repeated; generation {GenerationId} is still running", instanceId, instanceId);
        }
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

        return TypedResults.Json(GenerationView.From(instance), ApiJson.Options);
    }

    /// <summary>Not yet ended: a repeated start answers 202 like the first one.</summary>
    public static bool IsRunning(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    public static string StatusUri(HttpRequest request, string instanceId) =>
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
