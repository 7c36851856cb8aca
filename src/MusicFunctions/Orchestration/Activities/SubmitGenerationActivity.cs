using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using MusicFunctions.Requests;
using MusicFunctions.Upstream;

namespace MusicFunctions.Orchestration.Activities;

/// <summary>Submits the generation upstream and returns the upstream task id.</summary>
public sealed class SubmitGenerationActivity(IMusicApiClient musicApi, ILogger<SubmitGenerationActivity> logger)
{
    public const string Name = "SubmitGeneration";

    [Function(Name)]
    public async Task<string> RunAsync([ActivityTrigger] MusicRequest request, CancellationToken cancellationToken)
    {
        var task = await musicApi.SubmitAsync(request, cancellationToken);
        logger.LogInformation("Submitted generation with model {Model}: upstream task {TaskId} is {Status}",
            request.Model, task.TaskId, task.StatusText);
        return task.TaskId;
    }
}
