using System.Net.Sockets;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicFunctions.Configuration;
using MusicFunctions.Requests;
using MusicFunctions.Testing;
using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Upstream;

/// <summary>
/// The client as the app registers it (typed client, retry pipeline, timeouts), with only the
/// network replaced by a scripted handler. Retry settings are tiny so nothing waits long.
/// </summary>
public sealed class MusicApiClientTests : IDisposable
{
    private const string ApiKey = "sk-unit-4d9e2b7a1c3f5e8d";
    private const int MaxRetryAttempts = 2;
    private static readonly MusicRequest Request = new() { Prompt = "A bright song about spring trains", Model = "suno-v5", Title = "Petals" };

    private readonly ScriptedHandler _upstream = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ServiceProvider _services;

    public MusicApiClientTests()
    {
        var settings = new Dictionary<string, string?>
        {
            ["MusicApi:BaseUrl"] = "https://music.example/v1",
            ["MusicApi:ApiKey"] = ApiKey,
            ["MusicApi:RequestTimeout"] = "00:00:00.300",
            ["MusicApi:Retry:MaxRetryAttempts"] = MaxRetryAttempts.ToString(),
            ["MusicApi:Retry:BaseDelay"] = "00:00:00.010",
            ["MusicApi:Retry:MaxDelay"] = "00:00:00.050",
            ["MusicApi:Retry:MaxRetryAfter"] = "00:00:05",
            ["MusicApi:Retry:TotalTimeout"] = "00:00:20",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace))
            .AddMusicFunctions(configuration);
        // Only the network is replaced; the registration's pipeline stays in front of it.
        services.AddHttpClient(nameof(IMusicApiClient)).ConfigurePrimaryHttpMessageHandler(() => _upstream);
        _services = services.BuildServiceProvider();
    }

    private IMusicApiClient Client => _services.GetRequiredService<IMusicApiClient>();

    public void Dispose() => _services.Dispose();

    private static HttpRequestException Refused() =>
        new(HttpRequestError.ConnectionError, "Connection refused (music.example:443)", new SocketException((int)SocketError.ConnectionRefused));

    private static HttpRequestException ResetWhileReadingTheAnswer() =>
        new(HttpRequestError.ResponseEnded, "The response ended prematurely.", new IOException("Connection reset by peer"));

    [Fact]
    public async Task GetTaskAsync_503ThenSuccess_RetriesAndReturnsTheTask()
    {
        // Arrange
        _upstream.Then(HttpStatusCode.ServiceUnavailable, "").ThenSample("task-processing.json");

        // Act
        var task = await Client.GetTaskAsync("task-1");

        // Assert
        task.Status.Should().Be(UpstreamStatus.Processing);
        task.Progress.Should().Be(72);
        _upstream.Requests.Should().HaveCount(2);
        _upstream.Requests.Should().OnlyContain(r => r.Method == HttpMethod.Get && r.Path == "/v1/music/tasks/task-1");
    }

    [Fact]
    public async Task GetTaskAsync_500OnEveryAttempt_FailsTransientAfterTheConfiguredRetries()
    {
        _upstream.Then(HttpStatusCode.InternalServerError, """{"code":"internal_error","message":"boom","data":null}""");

        var act = () => Client.GetTaskAsync("task-1");

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.Transient);
        error.Message.Should().Contain("HTTP 500").And.Contain("internal_error: boom");
        _upstream.Requests.Should().HaveCount(1 + MaxRetryAttempts);
    }

    [Fact]
    public async Task GetTaskAsync_ProxyHtmlErrorPage_RetriedThenFailsQuotingACleanedExcerpt()
    {
        _upstream.Then(HttpStatusCode.BadGateway,
            "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>",
            "text/html");

        var act = () => Client.GetTaskAsync("task-1");

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.Transient);
        error.Message.Should().Contain("HTTP 502: 502 Bad Gateway 502 Bad Gateway nginx").And.NotContain("<").And.NotContain("\n");
        _upstream.Requests.Should().HaveCount(1 + MaxRetryAttempts);
    }

    [Fact]
    public async Task GetTaskAsync_429WithRetryAfter_WaitsAtLeastThatLongThenSucceeds()
    {
        // Arrange: Retry-After (1 s) is far above the backoff cap (50 ms), so only honouring it explains the gap.
        _upstream.Then(HttpStatusCode.TooManyRequests, """{"code":"rate_limited","message":"slow down","data":null}""", retryAfter: TimeSpan.FromSeconds(1))
            .ThenSample("task-processing.json");

        // Act
        await Client.GetTaskAsync("task-1");

        // Assert
        var requests = _upstream.Requests;
        requests.Should().HaveCount(2);
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task GetTaskAsync_429WithoutRetryAfter_BacksOffAndRetries()
    {
        _upstream.Then(HttpStatusCode.TooManyRequests, "").ThenSample("task-processing.json");

        var task = await Client.GetTaskAsync("task-1");

        task.Progress.Should().Be(72);
        _upstream.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task GetTaskAsync_429AskingLongerThanMaxRetryAfter_FailsRateLimitedAtOnceCarryingTheWait()
    {
        _upstream.Then(HttpStatusCode.TooManyRequests, """{"code":"rate_limited","message":"","data":null}""", retryAfter: TimeSpan.FromMinutes(2));

        var act = () => Client.GetTaskAsync("task-1");

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.RateLimited);
        error.RetryAfter.Should().Be(TimeSpan.FromMinutes(2));
        error.IsRetryable.Should().BeTrue();
        error.Message.Should().Contain("HTTP 429").And.Contain("wait 120 s");
        _upstream.Requests.Should().HaveCount(1, "the durable retry waits that long, not an open HTTP call");
    }

    [Fact]
    public async Task GetTaskAsync_TruncatedJson_FailsMalformedQuotingTheStartWithoutHttpRetry()
    {
        var full = Samples.Read("task-processing.json");
        _upstream.Then(HttpStatusCode.OK, full[..(full.Length / 2)]);

        var act = () => Client.GetTaskAsync("task-1");

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.Malformed);
        error.IsRetryable.Should().BeTrue("a status poll may be read again later");
        error.Message.Should().Contain("not JSON").And.Contain("It began: \"{");
        _upstream.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task GetTaskAsync_404TaskNotExist_FailsTaskNotFoundAtOnce()
    {
        _upstream.Then(HttpStatusCode.NotFound, Samples.Read("error-task-not-found.json"));

        var act = () => Client.GetTaskAsync("task-1");

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.TaskNotFound);
        error.Message.Should().Contain("task_not_exist");
        _upstream.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task GetTaskAsync_EveryAttemptTimesOut_RetriedThenTransientNamingTheSetting()
    {
        _upstream.ThenHang();

        var act = () => Client.GetTaskAsync("task-1");

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.Transient);
        error.Message.Should().Contain("MusicApi:RequestTimeout");
        _upstream.Requests.Should().HaveCount(1 + MaxRetryAttempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task SubmitAsync_FailureStatusAfterSending_NotSentAgainAndOutcomeUnknown(HttpStatusCode status)
    {
        // Arrange: the upstream may have created the task before answering this.
        _upstream.Then(status, "").ThenSample("submit-accepted.json");

        // Act
        var act = () => Client.SubmitAsync(Request);

        // Assert
        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.OutcomeUnknown);
        error.IsRetryable.Should().BeFalse();
        error.Message.Should().Contain("outcome of the submit is unknown").And.Contain($"HTTP {(int)status}")
            .And.Contain("not sent again").And.Contain("dashboard or task list")
            .And.Contain("model suno-v5").And.Contain("title \"Petals\"").And.Contain("prompt \"A bright song about spring trains\"");
        _upstream.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task SubmitAsync_AttemptTimesOut_NotSentAgainAndOutcomeUnknown()
    {
        _upstream.ThenHang();

        var act = () => Client.SubmitAsync(Request);

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.OutcomeUnknown);
        error.Message.Should().Contain("MusicApi:RequestTimeout");
        _upstream.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task SubmitAsync_ConnectionResetWhileReadingTheAnswer_NotSentAgainAndOutcomeUnknown()
    {
        _upstream.ThenThrow(ResetWhileReadingTheAnswer()).ThenSample("submit-accepted.json");

        var act = () => Client.SubmitAsync(Request);

        (await act.Should().ThrowAsync<UpstreamException>()).Which.Kind.Should().Be(UpstreamErrorKind.OutcomeUnknown);
        _upstream.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task SubmitAsync_UnreadableSuccessAnswer_OutcomeUnknown()
    {
        var full = Samples.Read("submit-accepted.json");
        _upstream.Then(HttpStatusCode.OK, full[..(full.Length / 2)]);

        var act = () => Client.SubmitAsync(Request);

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.OutcomeUnknown, "a 2xx to a submit almost certainly created a task");
        error.Message.Should().Contain("not JSON");
        _upstream.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task SubmitAsync_ConnectionRefusedThenAccepted_SentAgainAndReturnsTheOneTask()
    {
        _upstream.ThenThrow(Refused()).ThenSample("submit-accepted.json");

        var task = await Client.SubmitAsync(Request);

        task.TaskId.Should().Be("4f6c1f0e8a9b4c7d9e2a3b5c6d7e8f90");
        _upstream.Requests.Should().HaveCount(2);
        _upstream.Requests.Should().OnlyContain(r => r.Method == HttpMethod.Post && r.Body!.Contains("A bright song about spring trains"));
    }

    [Fact]
    public async Task SubmitAsync_ConnectionRefusedOnEveryAttempt_TransientMarkedNotDelivered()
    {
        _upstream.ThenThrow(Refused());

        var act = () => Client.SubmitAsync(Request);

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.Transient);
        error.RequestNotDelivered.Should().BeTrue();
        error.Message.Should().Contain("Could not reach the upstream at music.example");
        _upstream.Requests.Should().HaveCount(1 + MaxRetryAttempts);
    }

    [Fact]
    public async Task SubmitAsync_429WithRetryAfter_SentAgainAfterTheWait()
    {
        _upstream.Then(HttpStatusCode.TooManyRequests, "", retryAfter: TimeSpan.FromSeconds(1)).ThenSample("submit-accepted.json");

        var task = await Client.SubmitAsync(Request);

        task.Status.Should().Be(UpstreamStatus.Pending);
        var requests = _upstream.Requests;
        requests.Should().HaveCount(2, "a 429 says the upstream did not take the request");
        (requests[1].At - requests[0].At).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task SubmitAsync_KeyRefused_FailsAtOnceNamingTheSettingWithoutTheKey(HttpStatusCode status)
    {
        // Arrange: an upstream that echoes the key it refused.
        _upstream.Then(status, $$"""{"code":"invalid_api_key","message":"Invalid token: Bearer {{ApiKey}}","data":null}""");

        // Act
        var act = () => Client.SubmitAsync(Request);

        // Assert
        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.Authentication);
        error.Message.Should().Contain("MusicApi:ApiKey").And.Contain($"HTTP {(int)status}").And.NotContain(ApiKey);
        error.ToString().Should().NotContain(ApiKey);
        _upstream.Requests.Should().ContainSingle();
        _upstream.Requests[0].Authorization.Should().Be($"Bearer {ApiKey}", "the key does go out, in the header");
    }

    [Fact]
    public async Task SubmitAsync_400_FailsAtOnceShowingTheUpstreamMessage()
    {
        _upstream.Then(HttpStatusCode.BadRequest, Samples.Read("error-bad-request.json"));

        var act = () => Client.SubmitAsync(Request);

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.InvalidRequest);
        error.Message.Should().Contain("style and title are required in custom mode");
        _upstream.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task SubmitAsync_200WithAnErrorCode_FailsAtOnceAsInvalidRequest()
    {
        _upstream.Then(HttpStatusCode.OK, """{"code":"prompt_too_long","message":"prompt exceeds 400 characters","data":null}""");

        var act = () => Client.SubmitAsync(Request);

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.InvalidRequest);
        error.Message.Should().Contain("prompt_too_long: prompt exceeds 400 characters");
        _upstream.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task SubmitAsync_404_FailsNamingTheSubmitPathSetting()
    {
        _upstream.Then(HttpStatusCode.NotFound, "<html><body>Not Found</body></html>", "text/html");

        var act = () => Client.SubmitAsync(Request);

        var error = (await act.Should().ThrowAsync<UpstreamException>()).Which;
        error.Kind.Should().Be(UpstreamErrorKind.InvalidRequest);
        error.Message.Should().Contain("MusicApi:SubmitPath").And.Contain("music/generations");
        _upstream.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Requests_LoggedAtTraceWithRetries_NeverShowTheApiKey()
    {
        // Arrange: a retry, so the resilience telemetry logs too.
        _upstream.Then(HttpStatusCode.ServiceUnavailable, "").ThenSample("task-processing.json");

        // Act
        await Client.GetTaskAsync("task-1");

        // Assert: the request was logged with its headers (so the check means something), the key never.
        var lines = _logs.Lines.ToArray();
        lines.Should().Contain(line => line.Contains("Sending HTTP request GET https://music.example/v1/music/tasks/task-1"));
        lines.Should().Contain(line => line.Contains("Authorization"), "header names are logged at Trace");
        lines.Should().Contain(line => line.Contains("attempt 1 failed (HTTP 503)"));
        lines.Should().NotContain(line => line.Contains(ApiKey));
        _upstream.Requests[0].Authorization.Should().Contain(ApiKey);
    }
}
