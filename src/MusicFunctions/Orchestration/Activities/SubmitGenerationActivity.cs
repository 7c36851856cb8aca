using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using MusicFunctions.Requests;
using MusicFunctions.Upstream;

namespace MusicFunctions.Orchestration.Activities;

/// <summary>
/// Submits the generation upstream and returns the upstream task id. Not idempotent upstream (each
/// submit creates and charges a task), so its failures say whether sending again is safe:
/// <see cref="SubmitNotTakenException"/> when the upstream certainly did not take it (the only
/// failure the durable retry repeats), <see cref="PermanentFailureException"/> for everything else.
/// </summary>
public sealed class SubmitGenerationActivity(IMusicApiClient musicApi, ILogger<SubmitGenerationActivity> logger)
{
    public const string Name = "SubmitGeneration";

    [Function(Name)]
    public async Task<string> RunAsync([ActivityTrigger] MusicRequest request, CancellationToken cancellationToken)
    {
        UpstreamTask task;
        try
        {
            task = await musicApi.SubmitAsync(request, cancellationToken);
        }
        catch (UpstreamException ex) when (ex.Kind == UpstreamErrorKind.RateLimited || ex.RequestNotDelivered)
        {
            logger.LogWarning("The upstream did not take the submit ({Reason}); it is safe to send again", ex.Message);
            throw new SubmitNotTakenException(ex.Message, ex);
        }
        catch (UpstreamException ex)
        {
            logger.LogError("Submitting the generation failed for good ({Kind}): {Reason}", ex.Kind, ex.Message);
            throw new PermanentFailureException(ex.Message, ex);
        }

        logger.LogInformation("Submitted generation with model {Model}: upstream task {TaskId} is {Status}",
            request.Model, task.TaskId, task.StatusText);
        return task.TaskId;
    }
}
