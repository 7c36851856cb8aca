using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using MusicFunctions.Upstream;

namespace MusicFunctions.Orchestration.Activities;

/// <summary>Reads the upstream task once. Safe to repeat: it only reads.</summary>
public sealed class GetTaskStatusActivity(IMusicApiClient musicApi, ILogger<GetTaskStatusActivity> logger)
{
    public const string Name = "GetTaskStatus";

    [Function(Name)]
    public async Task<TaskSnapshot> RunAsync([ActivityTrigger] string taskId, CancellationToken cancellationToken)
    {
        var task = await musicApi.GetTaskAsync(taskId, cancellationToken);
        if (task.Status == UpstreamStatus.Unknown)
        {
            logger.LogWarning("Upstream task {TaskId} has an unknown status '{Status}'; treating it as still running",
                taskId, task.StatusText);
        }
        return TaskSnapshot.From(task);
    }
}
