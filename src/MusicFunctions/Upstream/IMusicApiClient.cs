using MusicFunctions.Requests;

namespace MusicFunctions.Upstream;

/// <summary>The two calls the upstream music API offers.</summary>
public interface IMusicApiClient
{
    /// <summary>Submits a generation; returns the new task (status PENDING).</summary>
    Task<UpstreamTask> SubmitAsync(MusicRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads a task as it stands now.</summary>
    Task<UpstreamTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default);
}
