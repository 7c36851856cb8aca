using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using MusicFunctions.Upstream;

namespace MusicFunctions.Orchestration.Activities;

/// <summary>
/// Reads the upstream task once. Safe to repeat: it only reads. Failures that waiting may cure
/// (transient, rate limited, an unreadable answer) are rethrown for the durable retry; the rest
/// become <see cref="PermanentFailureException"/> so the retry gives up at once.
/// </summary>
public sealed class GetTaskStatusActivity(IMusicApiClient musicApi, ILogger<GetTaskStatusActivity> logger)
{
    public const string Name = "GetTaskStatus";

    [Function(Name)]
    public async Task<TaskSnapshot> RunAsync([ActivityTrigger] string taskId, CancellationToken cancellationToken)
    {
        UpstreamTask task;
        try
        {
            task = await musicApi.GetTaskAsync(taskId, cancellationToken);
        }
        catch (UpstreamException ex) when (ex.IsRetryable)
        {
            logger.LogWarning("Reading upstream task {TaskId} failed ({Kind}): {Reason}", taskId, ex.Kind, ex.Message);
            throw;
        }
        catch (UpstreamException ex)
        {
            logger.LogError("Reading upstream task {TaskId} failed for good ({Kind}): {Reason}", taskId, ex.Kind, ex.Message);
            throw new PermanentFailureException(ex.Message, ex);
        }

        if (task.Status == UpstreamStatus.Unknown)
        {
            logger.LogWarning("Upstream task {TaskId} has an unknown status '{Status}'; treating it as still running",
                taskId, task.StatusText);
        }
        return TaskSnapshot.From(task);
    }
}
