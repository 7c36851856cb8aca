using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MusicFunctions.Events;
using MusicFunctions.Orchestration;

namespace MusicFunctions.Http;

/// <summary>Managing generations: list them (newest first, filtered, paged) and cancel a running one.</summary>
public sealed class GenerationsManagementApi(CancellationAnnouncer announcer, ILogger<GenerationsManagementApi> logger)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxReasonLength = 200;

    /// <summary>How long a DELETE waits for the termination to take effect before answering 202 instead of 200.</summary>
    public static readonly TimeSpan CancelWait = TimeSpan.FromSeconds(10);

    [Function("ListGenerations")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = GenerationsApi.Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var statusText = request.Query["status"].ToString();
        var statuses = StatusFilter.Parse(statusText, out var unknown);
        if (unknown.Count > 0)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Unknown status",
                $"status has {string.Join(", ", unknown.Select(u => $"'{u}'"))}; use any of: {string.Join(", ", StatusFilter.AllowedWords)}.");
        }

        var pageSize = DefaultPageSize;
        var pageSizeText = request.Query["page_size"].ToString();
        if (pageSizeText.Length > 0
            && (!int.TryParse(pageSizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid page_size", $"page_size must be a whole number from 1 to {MaxPageSize}.");
        }

        ListCursor? cursor = null;
        var continuation = request.Query["continuation"].ToString();
        if (continuation.Length > 0 && (cursor = ListCursor.TryDecode(continuation)) is null)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid continuation",
                "continuation must be a token from a previous page's 'continuation', unchanged.");
        }

        // No backend keeps instances in creation order (Azure Storage orders by instance id), so every
        // matching instance up to the cursor is read (page by page, without inputs) and sorted here.
        var query = new OrchestrationQuery
        {
            Statuses = statuses,
            CreatedTo = cursor is null ? null : new DateTimeOffset(cursor.CreatedAtUtcTicks, TimeSpan.Zero).AddSeconds(1),
            PageSize = 100,
            FetchInputsAndOutputs = false,
        };
        var matching = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            // The hub also holds the event-publishing orchestrations; they are not generations.
            if (instance.Name == MusicGenerationOrchestrator.Name && (cursor is null || cursor.Precedes(instance)))
            {
                matching.Add(instance);
            }
        }
        matching.Sort(ListCursor.Compare);

        var page = matching.Take(pageSize).ToArray();
        var next = matching.Count > pageSize ? ListCursor.At(page[^1]).Encode() : null;
        // The custom status (upstream progress) is read with inputs and outputs only: for this page's few, not for the scan.
        var detailed = await Task.WhenAll(page.Select(instance => client.GetInstanceAsync(instance.InstanceId, getInputsAndOutputs: true, cancellationToken)));
        return TypedResults.Json(new GenerationPage
        {
            // An instance purged between the scan and now is still listed, without its progress.
            Generations = page.Zip(detailed, (scanned, current) => current is null ? GenerationSummary.FromScan(scanned) : GenerationSummary.From(current)).ToArray(),
            Continuation = next,
            Next = next is null ? null : NextUri(request, statusText, pageSize, next),
        }, ApiJson.Options);
    }

    [Function("CancelGeneration")]
    public async Task<IResult> CancelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = GenerationsApi.Route + "/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        string id,
        CancellationToken cancellationToken)
    {
        var reason = request.Query["reason"].ToString().Trim();
        if (reason.Length > MaxReasonLength)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid reason", $"reason may be at most {MaxReasonLength} characters.");
        }
        if (reason.Length == 0)
        {
            reason = "cancelled by request";
        }

        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
        if (instance is null || instance.Name != MusicGenerationOrchestrator.Name)
        {
            return Problems.Create(StatusCodes.Status404NotFound, "Generation not found", $"There is no generation with id '{id}'.");
        }
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated)
        {
            // Cancelled before; make sure its event went out (a DELETE that failed after terminating is retried this way).
            await announcer.AnnounceAsync(client, instance, GenerationView.CancelReason(instance), instance.LastUpdatedAt, cancellationToken);
            return AlreadyEnded(id, "cancelled");
        }
        if (!GenerationsApi.IsRunning(instance.RuntimeStatus))
        {
            return AlreadyEnded(id, instance.RuntimeStatus.ToString().ToLowerInvariant());
        }

        // Recursive: an event publication the generation had under way stops too; its outcome is now "cancelled".
        await client.TerminateInstanceAsync(id, new TerminateInstanceOptions(reason, Recursive: true), cancellationToken);
        var ended = await WaitForEndAsync(client, id, cancellationToken);
        if (ended.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed)
        {
            // It ended on its own before the termination arrived, and announced that outcome itself.
            return AlreadyEnded(id, ended.RuntimeStatus.ToString().ToLowerInvariant());
        }

        var terminated = ended.RuntimeStatus == OrchestrationRuntimeStatus.Terminated;
        await announcer.AnnounceAsync(client, instance, reason, terminated ? ended.LastUpdatedAt : DateTimeOffset.UtcNow, cancellationToken);
        logger.LogInformation("Cancelled generation {GenerationId}: {Reason}", id, reason);

        request.HttpContext.Response.Headers.Location = GenerationsApi.StatusUri(request, id);
        // 202 when the termination is queued but not yet carried out; GET shows when it is.
        return TypedResults.Json(GenerationView.From(ended), ApiJson.Options,
            statusCode: terminated ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    private static async Task<OrchestrationMetadata> WaitForEndAsync(DurableTaskClient client, string id, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(CancelWait);
        try
        {
            return await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken)
                ?? throw new InvalidOperationException($"Generation {id} disappeared while being cancelled.");
        }
    }

    private static IResult AlreadyEnded(string id, string how) => Problems.Create(StatusCodes.Status409Conflict, "Generation already ended",
        $"Generation '{id}' is already {how}; only a pending or running generation can be cancelled.");

    private static string NextUri(HttpRequest request, string status, int pageSize, string continuation)
    {
        var query = new QueryString()
            .Add("page_size", pageSize.ToString(CultureInfo.InvariantCulture))
            .Add("continuation", continuation);
        if (status.Length > 0)
        {
            query = query.Add("status", status);
        }
        return $"{request.Scheme}://{request.Host}{request.PathBase}/api/{GenerationsApi.Route}{query}";
    }
}
