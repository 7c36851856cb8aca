using Microsoft.Extensions.Logging;
using Moq;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.Orchestration;
using MusicFunctions.Testing;
using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Upstream;

public class GetTaskStatusActivityTests
{
    private readonly Mock<IMusicApiClient> _musicApi = new();
    private readonly CapturingLoggerProvider _logs = new();

    private GetTaskStatusActivity Activity()
    {
        var factory = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        return new GetTaskStatusActivity(_musicApi.Object, factory.CreateLogger<GetTaskStatusActivity>());
    }

    [Theory]
    [InlineData(UpstreamErrorKind.Transient)]
    [InlineData(UpstreamErrorKind.RateLimited)]
    [InlineData(UpstreamErrorKind.Malformed)]
    public async Task RunAsync_FailureThatWaitingMayCure_IsRethrownForTheDurableRetry(UpstreamErrorKind kind)
    {
        _musicApi.Setup(api => api.GetTaskAsync("task-1", It.IsAny<CancellationToken>())).ThrowsAsync(new UpstreamException(kind, "try later"));

        var act = () => Activity().RunAsync("task-1", CancellationToken.None);

        (await act.Should().ThrowAsync<UpstreamException>()).Which.Kind.Should().Be(kind);
    }

    [Theory]
    [InlineData(UpstreamErrorKind.TaskNotFound, "The upstream does not know this task (HTTP 404: task_not_exist).")]
    [InlineData(UpstreamErrorKind.Authentication, "The upstream refused the API key (HTTP 401); check the MusicApi:ApiKey setting.")]
    [InlineData(UpstreamErrorKind.InvalidRequest, "The upstream rejected the request (HTTP 400).")]
    public async Task RunAsync_FailureWaitingCannotCure_IsPermanentWithTheSameMessage(UpstreamErrorKind kind, string message)
    {
        _musicApi.Setup(api => api.GetTaskAsync("task-1", It.IsAny<CancellationToken>())).ThrowsAsync(new UpstreamException(kind, message));

        var act = () => Activity().RunAsync("task-1", CancellationToken.None);

        (await act.Should().ThrowAsync<PermanentFailureException>()).Which.Message.Should().Be(message);
    }

    [Fact]
    public async Task RunAsync_UnknownStatusWord_LogsItAndReportsItAsUnknown()
    {
        _musicApi.Setup(api => api.GetTaskAsync("task-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UpstreamTask { TaskId = "task-1", Status = UpstreamStatus.Unknown, StatusText = "MIXING", Progress = 72 });

        var snapshot = await Activity().RunAsync("task-1", CancellationToken.None);

        snapshot.Status.Should().Be(UpstreamStatus.Unknown);
        snapshot.StatusText.Should().Be("MIXING");
        snapshot.Progress.Should().Be(72);
        _logs.Lines.Should().ContainSingle(line => line.StartsWith("Warning") && line.Contains("unknown status 'MIXING'"));
    }
}
