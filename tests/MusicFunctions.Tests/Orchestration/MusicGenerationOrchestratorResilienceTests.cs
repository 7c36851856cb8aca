using Microsoft.DurableTask;
using Moq;
using MusicFunctions.Orchestration;
using MusicFunctions.Orchestration.Activities;
using MusicFunctions.Requests;
using MusicFunctions.Upstream;

namespace MusicFunctions.Tests.Orchestration;

/// <summary>The orchestrator's side of upstream resilience: durable retry policies and odd SUCCESS answers.</summary>
public class MusicGenerationOrchestratorResilienceTests
{
    private static readonly GenerationInput Input = new()
    {
        Request = new MusicRequest { Prompt = "spring song", Model = "suno-v5" },
        Polling = new PollingOptions
        {
            InitialDelay = TimeSpan.FromSeconds(30),
            Interval = TimeSpan.FromSeconds(5),
            BackoffFactor = 1,
            MaxInterval = TimeSpan.FromSeconds(5),
            Timeout = TimeSpan.FromMinutes(10),
        },
        Resilience = new ResilienceOptions
        {
            Submit = new() { MaxAttempts = 2, FirstInterval = TimeSpan.FromSeconds(11) },
            StatusPoll = new() { MaxAttempts = 12, FirstInterval = TimeSpan.FromSeconds(3) },
            Archive = new() { MaxAttempts = 4, FirstInterval = TimeSpan.FromSeconds(5) },
            Manifest = new() { MaxAttempts = 6, FirstInterval = TimeSpan.FromSeconds(1) },
            IncompleteSuccessPolls = 2,
        },
    };

    private static UpstreamTrack Track(int number, string? audioUrl) => new()
    {
        Id = $"track-{number}",
        AudioUrl = audioUrl,
        StreamAudioUrl = $"https://cdn.example/stream/track-{number}",
    };

    private static TaskSnapshot Success(params UpstreamTrack[] tracks) =>
        new() { TaskId = "task-1", Status = UpstreamStatus.Success, StatusText = "SUCCESS", Progress = 100, Tracks = tracks };

    /// <summary>Scripts the status polls (the last repeats) and returns a counter of how many were made.</summary>
    private static Func<int> ScriptPolls(OrchestrationContextFake fake, params TaskSnapshot[] answers)
    {
        var queue = new Queue<TaskSnapshot>(answers);
        var polls = 0;
        fake.Mock.Setup(c => c.CallActivityAsync<TaskSnapshot>(
                It.Is<TaskName>(n => n.Name == GetTaskStatusActivity.Name), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns(() =>
            {
                polls++;
                return Task.FromResult(queue.Count > 1 ? queue.Dequeue() : queue.Peek());
            });
        return () => polls;
    }

    private static IEnumerable<(string Activity, TaskOptions? Options)> ActivityCalls(OrchestrationContextFake fake) =>
        fake.Mock.Invocations
            .Where(i => i.Method.Name == nameof(TaskOrchestrationContext.CallActivityAsync))
            .Select(i => (((TaskName)i.Arguments[0]).Name, (TaskOptions?)i.Arguments[2]));

    [Fact]
    public async Task RunAsync_EveryActivityCall_CarriesItsRetryPolicyFromTheInput()
    {
        // Arrange
        var fake = new OrchestrationContextFake().ThenPoll(UpstreamStatus.Processing, 50).ThenPoll(UpstreamStatus.Success, 100, tracks: 2);

        // Act
        await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        // Assert
        var calls = ActivityCalls(fake).ToArray();
        calls.Select(c => c.Activity).Should().Contain([SubmitGenerationActivity.Name, GetTaskStatusActivity.Name, ArchiveTrackActivity.Name, WriteManifestActivity.Name]);
        calls.Should().OnlyContain(c => c.Options != null && c.Options.Retry != null && c.Options.Retry.Policy != null);
        int Attempts(string activity) => calls.Where(c => c.Activity == activity).Select(c => c.Options!.Retry!.Policy!.MaxNumberOfAttempts).Distinct().Single();
        Attempts(SubmitGenerationActivity.Name).Should().Be(2);
        Attempts(GetTaskStatusActivity.Name).Should().Be(12);
        Attempts(ArchiveTrackActivity.Name).Should().Be(4);
        Attempts(WriteManifestActivity.Name).Should().Be(6);

        bool Retries(string activity, Exception thrown) => calls.First(c => c.Activity == activity).Options!.Retry!.Policy!
            .Handle(new DurableTask.Core.Exceptions.TaskFailedException(thrown.Message) { FailureDetails = new DurableTask.Core.FailureDetails(thrown) });
        Retries(SubmitGenerationActivity.Name, new SubmitNotTakenException("429")).Should().BeTrue();
        Retries(SubmitGenerationActivity.Name, new PermanentFailureException("outcome unknown")).Should().BeFalse();
        Retries(GetTaskStatusActivity.Name, new UpstreamException(UpstreamErrorKind.Transient, "503")).Should().BeTrue();
        Retries(GetTaskStatusActivity.Name, new PermanentFailureException("task_not_exist")).Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_SuccessBeforeTheFinalAudio_PollsAgainThenArchivesTheFinalFiles()
    {
        // Arrange: SUCCESS with stream links, then empty URLs, then the MP3s.
        var fake = new OrchestrationContextFake();
        var polls = ScriptPolls(fake,
            Success(Track(1, "https://cdn.example/stream/track-1"), Track(2, "https://cdn.example/stream/track-2")),
            Success(Track(1, ""), Track(2, null)),
            Success(Track(1, "https://cdn.example/track-1.mp3"), Track(2, "https://cdn.example/track-2.mp3")));

        // Act
        var result = await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        // Assert
        polls().Should().Be(3);
        fake.ArchiveInputs.Select(a => a.Track.AudioUrl).Should().Equal("https://cdn.example/track-1.mp3", "https://cdn.example/track-2.mp3");
        result.Tracks.Should().HaveCount(2);
    }

    [Fact]
    public async Task RunAsync_SuccessThatNeverGetsFinalAudio_FailsClearlyAfterTheConfiguredExtraPolls()
    {
        var fake = new OrchestrationContextFake();
        var polls = ScriptPolls(fake, Success(Track(1, "https://cdn.example/track-1.mp3"), Track(2, "https://cdn.example/stream/track-2")));

        var act = () => MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        (await act.Should().ThrowAsync<GenerationFailedException>())
            .WithMessage("*task-1 as SUCCESS, but track 2 still had only the stream link*Resilience:IncompleteSuccessPolls is 2*");
        polls().Should().Be(1 + Input.Resilience.IncompleteSuccessPolls);
        fake.Calls.Should().NotContain(ArchiveTrackActivity.Name);
    }

    [Fact]
    public async Task RunAsync_SuccessWithoutTracksThenWithThem_PollsAgainAndArchives()
    {
        var fake = new OrchestrationContextFake();
        var polls = ScriptPolls(fake, Success(), Success(Track(1, "https://cdn.example/track-1.mp3")));

        var result = await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        polls().Should().Be(2);
        result.Tracks.Should().ContainSingle();
    }

    [Fact]
    public async Task RunAsync_ProgressAsPercentText_ShowsInCustomStatusAsANumber()
    {
        var fake = new OrchestrationContextFake();
        ScriptPolls(fake,
            TaskSnapshot.From(UpstreamResponseParser.ParseTask(Tests.Upstream.Samples.Read("task-processing.json"))) with { TaskId = "task-1" },
            Success(Track(1, "https://cdn.example/track-1.mp3")));

        await MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        fake.CustomStatuses.Should().Contain(new GenerationProgress("task-1", "PROCESSING", 72));
    }

    [Fact]
    public async Task RunAsync_StatusPollFailsBeyondItsRetries_FailsQuotingWhatTheUpstreamSent()
    {
        var fake = new OrchestrationContextFake();
        fake.FailActivity<TaskSnapshot>(GetTaskStatusActivity.Name,
            "Unreadable answer from the upstream: the answer is not JSON. It began: \"{\"code\":\"success\",\"data\":{\"task_id\"\"");

        var act = () => MusicGenerationOrchestrator.RunAsync(fake.Mock.Object, Input);

        (await act.Should().ThrowAsync<GenerationFailedException>())
            .WithMessage("Reading the status of upstream task task-1 failed: Unreadable answer from the upstream: the answer is not JSON. It began: *task_id*");
    }
}
