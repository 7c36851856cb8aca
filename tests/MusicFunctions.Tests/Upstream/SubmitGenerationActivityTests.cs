using Microsoft.Extensions.Logging;
using Moq;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.Orchestration;
using MusicFunctions.Requests;
using MusicFunctions.Testing;
using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Upstream;

public class SubmitGenerationActivityTests
{
    private static readonly MusicRequest Request = new() { Prompt = "spring song", Model = "suno-v5" };
    private readonly Mock<IMusicApiClient> _musicApi = new();
    private readonly CapturingLoggerProvider _logs = new();

    private SubmitGenerationActivity Activity()
    {
        var factory = LoggerFactory.Create(logging => logging.AddProvider(_logs));
        return new SubmitGenerationActivity(_musicApi.Object, factory.CreateLogger<SubmitGenerationActivity>());
    }

    private void SubmitFails(UpstreamException error) =>
        _musicApi.Setup(api => api.SubmitAsync(Request, It.IsAny<CancellationToken>())).ThrowsAsync(error);

    [Fact]
    public async Task RunAsync_Accepted_ReturnsTheTaskId()
    {
        _musicApi.Setup(api => api.SubmitAsync(Request, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UpstreamTask { TaskId = "task-9", Status = UpstreamStatus.Pending, StatusText = "PENDING" });

        var taskId = await Activity().RunAsync(Request, CancellationToken.None);

        taskId.Should().Be("task-9");
    }

    [Fact]
    public async Task RunAsync_RateLimited_ThrowsSubmitNotTakenSoTheDurableRetryMaySendAgain()
    {
        SubmitFails(new UpstreamException(UpstreamErrorKind.RateLimited, "The upstream is rate limiting us (HTTP 429).", 429, TimeSpan.FromMinutes(2)));

        var act = () => Activity().RunAsync(Request, CancellationToken.None);

        (await act.Should().ThrowAsync<SubmitNotTakenException>()).WithMessage("*HTTP 429*");
    }

    [Fact]
    public async Task RunAsync_ConnectionRefused_ThrowsSubmitNotTaken()
    {
        SubmitFails(new UpstreamException(UpstreamErrorKind.Transient, "Could not reach the upstream: Connection refused", requestNotDelivered: true));

        var act = () => Activity().RunAsync(Request, CancellationToken.None);

        await act.Should().ThrowAsync<SubmitNotTakenException>();
    }

    [Theory]
    [InlineData(UpstreamErrorKind.OutcomeUnknown, "The outcome of the submit is unknown: HTTP 503")]
    [InlineData(UpstreamErrorKind.Authentication, "The upstream refused the API key; check the MusicApi:ApiKey setting.")]
    [InlineData(UpstreamErrorKind.InvalidRequest, "The upstream rejected the request: invalid_request")]
    [InlineData(UpstreamErrorKind.Transient, "The upstream failed (HTTP 500).")]
    public async Task RunAsync_AnyOtherFailure_IsPermanentWithTheSameMessage(UpstreamErrorKind kind, string message)
    {
        SubmitFails(new UpstreamException(kind, message));

        var act = () => Activity().RunAsync(Request, CancellationToken.None);

        (await act.Should().ThrowAsync<PermanentFailureException>()).Which.Message.Should().Be(message);
    }
}
