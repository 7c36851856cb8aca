using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using MusicFunctions.IntegrationTests.Infrastructure;
using MusicFunctions.Orchestration;
using MusicFunctions.StandIn;

namespace MusicFunctions.IntegrationTests.Upstream;

/// <summary>
/// Whole generations against the stand-in upstream misbehaving on purpose: what the caller sees,
/// and how many calls the upstream received (one submit per generation, whatever happens).
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class UpstreamResilienceTests(PipelineFixture fixture) : IDisposable
{
    private readonly int _submitsBefore = fixture.Upstream.SubmitCount;
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;

    private const string SubmitGenerationActivityName = MusicFunctions.Orchestration.Activities.SubmitGenerationActivity.Name;

    private StandInServer Upstream => fixture.Upstream;

    /// <summary>Submits the stand-in answered during this test.</summary>
    private int Submits => Upstream.SubmitCount - _submitsBefore;

    // A fault left unconsumed would hit the next test in the collection.
    public void Dispose() => Upstream.Faults.Clear();

    private string Prompt(string what, GenerationScript? script = null)
    {
        var prompt = GenerationRunner.UniquePrompt(what);
        var chosen = script ?? new GenerationScript { PollsBeforeDone = 1, AudioBytes = 4_000, CoverBytes = 1_000 };
        Upstream.ScriptFor(r => r.Prompt == prompt ? chosen : null);
        return prompt;
    }

    private StandInTaskRecord TaskFor(string prompt) => Upstream.Tasks.Single(t => t.Request.Prompt == prompt);

    private IReadOnlyList<StandInRequestRecord> RequestsSinceStart(string method, string pathPart) =>
        Upstream.Requests.Where(r => r.Timestamp >= _startedAt && r.Method == method && r.Path.Contains(pathPart)).OrderBy(r => r.Timestamp).ToList();

    private async Task<IReadOnlyList<BlobItem>> BlobsOf(string generationId) =>
        await fixture.Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, generationId + "/", CancellationToken.None).ToListAsync();

    /// <summary>A SUCCESS whose tracks are not finished: one stream-only audio URL, one empty.</summary>
    private static string SuccessWithoutFinalAudio()
    {
        var stream = "http://127.0.0.1:1/stream/early";
        JsonObject Track(string id, string audio) => new() { ["id"] = id, ["title"] = "Early", ["audioUrl"] = audio, ["streamAudioUrl"] = stream };
        var data = new JsonObject
        {
            ["task_id"] = "early", ["action"] = "GENERATIONS", ["status"] = "SUCCESS", ["progress"] = "100%", ["fail_reason"] = "",
            ["data"] = new JsonArray(Track("early-1", stream), Track("early-2", "")),
        };
        return new JsonObject { ["code"] = "success", ["message"] = "", ["data"] = data }.ToJsonString();
    }

    [Fact]
    public async Task Generation_StatusPollsFailLongerThanTheHttpClientsRetries_StillCompletes()
    {
        // Arrange: nine failed polls in a row (a proxy's HTML page, 500s, 503s); the HTTP client gives up
        // after three attempts, so only the durable retry of the status activity can get through this.
        var httpAttempts = 1 + fixture.HttpRetry().MaxRetryAttempts;
        var prompt = Prompt("outage");
        Upstream.InjectFault(StandInEndpoint.Status, StandInFault.Html(502), times: 3);
        Upstream.InjectFault(StandInEndpoint.Status, StandInFault.Status(500), times: 3);
        Upstream.InjectFault(StandInEndpoint.Status, StandInFault.Status(503), times: 3);
        9.Should().BeGreaterThan(httpAttempts, "the outage must outlast one activity's HTTP retries");

        // Act
        var run = await fixture.RunScheduledAsync(prompt);

        // Assert
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        run.ReadOutputAs<GenerationResult>()!.Tracks.Should().HaveCount(2);
        var task = TaskFor(prompt);
        Upstream.StatusCountFor(task.TaskId).Should().BeGreaterThanOrEqualTo(9 + 2, "nine failed polls, then the real PROCESSING and SUCCESS");
        Submits.Should().Be(1);
        fixture.Logs.Lines.Count(l => l.Contains($"Reading upstream task {task.TaskId} failed (Transient)"))
            .Should().BeGreaterThanOrEqualTo(9 / httpAttempts, "each activity run that failed is retried durably");
    }

    [Fact]
    public async Task Generation_StatusAnswerUnreadableEveryTime_FailsAfterBoundedPollsQuotingACleanedExcerpt()
    {
        var attempts = fixture.Resilience().StatusPoll.MaxAttempts;
        var prompt = Prompt("truncated");
        Upstream.InjectFault(StandInEndpoint.Status, StandInFault.TruncatedJson(), times: attempts + 5);

        var run = await fixture.RunScheduledAsync(prompt);

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        var task = TaskFor(prompt);
        run.FailureDetails!.ErrorMessage.Should().StartWith(
            $"Reading the status of upstream task {task.TaskId} failed: Unreadable answer from the upstream: the answer is not JSON. It began: \"{{");
        Upstream.StatusCountFor(task.TaskId).Should().Be(attempts, "malformed answers are retried a bounded number of times");
        Submits.Should().Be(1);
    }

    [Fact]
    public async Task Generation_UnknownTask_FailsAtOnceWithoutRetrying()
    {
        var prompt = Prompt("forgotten");
        Upstream.InjectFault(StandInEndpoint.Status, StandInFault.Status(404, """{"code":"task_not_exist","message":"task_not_exist","data":null}"""));

        var run = await fixture.RunScheduledAsync(prompt);

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        var task = TaskFor(prompt);
        run.FailureDetails!.ErrorMessage.Should().Be(
            $"Reading the status of upstream task {task.TaskId} failed: The upstream does not know this task (HTTP 404: task_not_exist).");
        Upstream.StatusCountFor(task.TaskId).Should().Be(1);
        Submits.Should().Be(1);
    }

    [Fact]
    public async Task Generation_SubmitAnswered503AfterTheTaskWasCreated_FailsSayingTheOutcomeIsUnknownAfterOneSubmit()
    {
        // Arrange
        var prompt = Prompt("accepted then 503");
        Upstream.InjectFault(StandInEndpoint.Submit, StandInFault.AcceptThenFail(503));

        // Act
        var run = await fixture.RunScheduledAsync(prompt);

        // Assert
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        run.FailureDetails!.ErrorMessage.Should().StartWith("Submitting the generation failed: The outcome of the submit is unknown")
            .And.Contain("HTTP 503").And.Contain("not sent again").And.Contain("dashboard or task list")
            .And.Contain("model suno-v5").And.Contain(prompt[..20]);
        Submits.Should().Be(1, "a submit that may have created a task is never sent again");
        TaskFor(prompt).PollCount.Should().Be(0);
    }

    [Fact]
    public async Task Generation_SubmitConnectionResetBeforeTheAnswer_FailsSayingTheOutcomeIsUnknownAfterOneSubmit()
    {
        var prompt = Prompt("accepted then reset");
        Upstream.InjectFault(StandInEndpoint.Submit, StandInFault.AbortBeforeResponse());

        var run = await fixture.RunScheduledAsync(prompt);

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        run.FailureDetails!.ErrorMessage.Should().Contain("The outcome of the submit is unknown").And.Contain("dashboard or task list");
        Submits.Should().Be(1);
        Upstream.Tasks.Count(t => t.Request.Prompt == prompt).Should().Be(1, "the stand-in created (and would have charged) it");
    }

    [Fact]
    public async Task Generation_Submit429WithRetryAfter_WaitsAsAskedAndCreatesExactlyOneTask()
    {
        // Arrange
        var prompt = Prompt("rate limited submit");
        Upstream.InjectFault(StandInEndpoint.Submit, StandInFault.Status(429, retryAfter: TimeSpan.FromSeconds(1)));

        // Act
        var run = await fixture.RunScheduledAsync(prompt);

        // Assert
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        Submits.Should().Be(2, "a 429 means the upstream did not take the first one");
        Upstream.Tasks.Count(t => t.Request.Prompt == prompt).Should().Be(1);
        var submits = RequestsSinceStart("POST", "/music/generations");
        submits.Should().HaveCount(2);
        submits[0].StatusCode.Should().Be(429);
        (submits[1].Timestamp - submits[0].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Generation_Submit429AskingLongerThanTheClientWaits_IsRetriedDurablyAndCreatesOneTask()
    {
        // Arrange: Retry-After beyond MusicApi:Retry:MaxRetryAfter, so the HTTP call gives up at once.
        var prompt = Prompt("long rate limit");
        var tooLong = fixture.HttpRetry().MaxRetryAfter + TimeSpan.FromSeconds(1);
        Upstream.InjectFault(StandInEndpoint.Submit, StandInFault.Status(429, retryAfter: tooLong));

        // Act
        var run = await fixture.RunScheduledAsync(prompt);

        // Assert
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        Submits.Should().Be(2);
        Upstream.Tasks.Count(t => t.Request.Prompt == prompt).Should().Be(1);
        fixture.Logs.Lines.Should().Contain(l => l.Contains("The upstream did not take the submit") && l.Contains("HTTP 429"));
    }

    [Fact]
    public async Task Generation_Status429WithRetryAfter_PollsAgainOnlyAfterTheWait()
    {
        var prompt = Prompt("rate limited poll");
        Upstream.InjectFault(StandInEndpoint.Status, StandInFault.Status(429, retryAfter: TimeSpan.FromSeconds(1)));

        var run = await fixture.RunScheduledAsync(prompt);

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        var polls = RequestsSinceStart("GET", TaskFor(prompt).TaskId);
        polls[0].StatusCode.Should().Be(429);
        (polls[1].Timestamp - polls[0].Timestamp).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        Submits.Should().Be(1);
    }

    [Fact]
    public async Task Generation_Submit401_FailsAtOnceNamingTheSettingWithoutShowingTheKey()
    {
        // Arrange: an upstream that echoes the key it refused.
        var prompt = Prompt("bad key");
        Upstream.InjectFault(StandInEndpoint.Submit,
            StandInFault.Status(401, $$"""{"code":"invalid_api_key","message":"Invalid token {{PipelineFixture.ApiKey}}","data":null}"""));

        // Act
        var run = await fixture.RunScheduledAsync(prompt);

        // Assert
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        run.FailureDetails!.ErrorMessage.Should().Contain("MusicApi:ApiKey").And.Contain("HTTP 401");
        run.FailureDetails.ToString().Should().NotContain(PipelineFixture.ApiKey);
        Submits.Should().Be(1, "a refused key is not tried again");
        Upstream.Tasks.Should().NotContain(t => t.Request.Prompt == prompt);
    }

    [Fact]
    public async Task Generation_SuccessBeforeTheFinalAudio_PollsAgainThenArchivesTheRealFiles()
    {
        // Arrange: the first two polls say SUCCESS with stream-only / empty audio URLs.
        var prompt = Prompt("early success");
        Upstream.InjectFault(StandInEndpoint.Status, StandInFault.Status(200, SuccessWithoutFinalAudio()), times: 2);

        // Act
        var run = await fixture.RunScheduledAsync(prompt);

        // Assert
        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, run.FailureDetails?.ErrorMessage);
        var task = TaskFor(prompt);
        var result = run.ReadOutputAs<GenerationResult>()!;
        result.Tracks.Select(t => t.TrackId).Should().Equal(task.TrackIds);
        Upstream.StatusCountFor(task.TaskId).Should().Be(2 + 2, "two early SUCCESS answers, then PROCESSING and the real SUCCESS");
    }

    [Fact]
    public async Task Generation_SuccessThatNeverGetsFinalAudio_FailsClearlyAfterTheConfiguredPolls()
    {
        var extraPolls = fixture.Resilience().IncompleteSuccessPolls;
        var prompt = Prompt("stream only");
        Upstream.InjectFault(StandInEndpoint.Status, StandInFault.Status(200, SuccessWithoutFinalAudio()), times: extraPolls + 1);

        var run = await fixture.RunScheduledAsync(prompt);

        run.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        run.FailureDetails!.ErrorMessage.Should().Contain("as SUCCESS, but track 1 still had only the stream link")
            .And.Contain($"Resilience:IncompleteSuccessPolls is {extraPolls}");
        Upstream.StatusCountFor(TaskFor(prompt).TaskId).Should().Be(extraPolls + 1);
        (await BlobsOf(run.InstanceId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Generation_WholeRunsWithRetriesAndARefusedKey_NeverPutTheApiKeyInLogsInputsOutputsStatusOrHistory()
    {
        // Arrange: one run that succeeds through retries, one refused with the key echoed back.
        var succeeds = Prompt("secret check");
        Upstream.InjectFault(StandInEndpoint.Status, StandInFault.Status(503), times: 4);
        var good = await fixture.RunScheduledAsync(succeeds);
        var refused = Prompt("secret check refused");
        Upstream.InjectFault(StandInEndpoint.Submit,
            StandInFault.Status(401, $$"""{"code":"invalid_api_key","message":"Invalid token {{PipelineFixture.ApiKey}}","data":null}"""));
        var bad = await fixture.RunScheduledAsync(refused);
        good.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed, good.FailureDetails?.ErrorMessage);
        bad.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);

        // Act: everything Durable keeps about both runs, serialised.
        var recorded = new List<string>();
        foreach (var run in new[] { good, bad })
        {
            var metadata = (await fixture.Client.GetInstanceAsync(run.InstanceId, getInputsAndOutputs: true))!;
            recorded.Add(metadata.SerializedInput ?? "");
            recorded.Add(metadata.SerializedOutput ?? "");
            recorded.Add(metadata.SerializedCustomStatus ?? "");
            recorded.Add(metadata.FailureDetails?.ToString() ?? "");
            recorded.Add(metadata.FailureDetails?.StackTrace ?? "");
            recorded.AddRange(OrchestrationHistory.Events(fixture, run.InstanceId));
        }
        var logs = fixture.Logs.Lines.ToArray();

        // Assert: the places searched do hold the run (so the search means something), and never the key.
        var taskId = TaskFor(succeeds).TaskId;
        recorded.Should().Contain(text => text.Contains(taskId), "the history records the activities' outputs");
        recorded.Should().Contain(text => text.Contains("MusicApi:ApiKey"), "the refused run's failure is recorded");
        recorded.Should().Contain(text => text.Contains("TaskScheduled") && text.Contains(SubmitGenerationActivityName),
            "the history holds every activity call with its input");
        recorded.Should().Contain(text => text.Contains("TaskFailed") && text.Contains("HTTP 503"), "and every failed attempt");
        logs.Should().Contain(line => line.Contains(taskId));
        logs.Should().Contain(line => line.Contains("HTTP 503"), "the retries were logged");
        recorded.Should().NotContain(text => text.Contains(PipelineFixture.ApiKey));
        logs.Should().NotContain(line => line.Contains(PipelineFixture.ApiKey));
    }
}
